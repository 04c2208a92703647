"""Signals shop sends so other apps (search, caches) can follow catalogue changes without
shop importing them."""

from django.dispatch import Signal

#: Sent when many products may have changed at once (a registry sync, a bulk edit).
#: kwargs: ``product_ids`` (iterable of ints, or None for "anything may have changed").
catalogue_changed = Signal()
