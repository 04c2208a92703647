"""manage.py run_scheduler [--once] [--interval SECONDS] [--list]

Enqueues the periodic jobs of config/schedule.py when they are due; `manage.py db_worker`
runs them. One scheduler is enough; a second one is harmless (slots are claimed once).
"""

import signal

from django.core.management.base import BaseCommand

from ops import scheduler


class Command(BaseCommand):
    help = "Enqueue the periodic jobs of config/schedule.py when they are due."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")
        parser.add_argument("--interval", type=float, default=10.0)
        parser.add_argument("--list", action="store_true", help="Print the schedule and exit.")

    def handle(self, *args, once=False, interval=10.0, list=False, **options):
        if list:
            for job in scheduler.jobs():
                when = f"{job.at} ICT" if job.at else f"every {job.every_minutes} min"
                self.stdout.write(f"{job.name:28} {when:16} {job.task}")
            return
        if once:
            runs = scheduler.tick()
            self.stdout.write(f"{len(runs)} job(s) enqueued: {', '.join(r.job for r in runs)}")
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
        self.stdout.write(f"Scheduler started: {len(scheduler.jobs())} jobs")
        scheduler.run_forever(interval=interval, stop=lambda: bool(stopping))
