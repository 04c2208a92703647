"""Signals other apps may listen to (search reindex, cache purge). Nothing here imports them."""

from django.dispatch import Signal

# Sent after a sync run was applied (never for dry runs or aborted runs), outside the
# transaction, with sender=SyncRun and kwargs:
#   run: the SyncRun row (outcome "applied", counts filled in)
#   product_ids: set[int] of products whose certificate, registry fields or sellability changed
registry_synced = Signal()
