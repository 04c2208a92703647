"""iCalendar files for fairs: the whole calendar and "add to calendar" for one fair.

Fairs last whole days, so events are all-day (DTSTART;VALUE=DATE, DTEND the day after the
last day, as RFC 5545 wants); times of day stay in the description.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, vGeo


def _absolute(request, page) -> str:
    url = page.get_full_url(request) or ""
    if url.startswith("/") and request is not None:
        url = request.build_absolute_uri(url)
    return url


def build_calendar(events, *, request=None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Hoi cho OCOP//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{settings.WAGTAIL_SITE_NAME} – Hội chợ và sự kiện")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = request.get_host().split(":")[0] if request is not None else "cho-ocop.vn"
    for fair in events:
        event = Event()
        event.add("uid", f"fair-{fair.translation_key}@{host}")
        event.add("summary", fair.title)
        event.add("dtstart", fair.start_date)
        event.add("dtend", fair.end_date + timedelta(days=1))
        event.add("dtstamp", fair.last_published_at or timezone.now())
        location = ", ".join(part for part in (fair.venue, fair.address, fair.place_name) if part)
        if location:
            event.add("location", location)
        url = _absolute(request, fair)
        lines = [fair.intro]
        if fair.opening_hours:
            lines.append(f"Giờ mở cửa: {fair.opening_hours}")
        if fair.organiser:
            lines.append(f"Đơn vị tổ chức: {fair.organiser}")
        if url:
            lines.append(url)
            event.add("url", url)
        event.add("description", strip_tags("\n\n".join(line for line in lines if line)))
        if fair.has_map:
            event.add("geo", vGeo((float(fair.latitude), float(fair.longitude))))
        if fair.organiser:
            event.add(
                "organizer", f"MAILTO:{settings.SELLER['email']}", parameters={"CN": fair.organiser}
            )
        calendar.add_component(event)
    return calendar.to_ical()
