"""Signals other apps may listen to (search reindex, cache purge). Nothing here imports them."""

from django.dispatch import Signal

# Sent after a sync run was applied (never for dry runs or aborted runs), outside the
# transaction, with sender=SyncRun and kwargs:
#   run: the SyncRun row (outcome "applied", counts filled in)
#   product_ids: set[int] of products whose certificate, registry fields or sellability changed
#   delisted_ids: set[int] of products sellable before the run and not after
#   relisted_ids: set[int] of products sellable after the run and not before
registry_synced = Signal()
