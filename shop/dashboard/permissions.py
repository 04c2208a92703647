"""Producer users never reach Oscar's own catalogue and order dashboards.

Oscar lets any user with ``partner.dashboard_access`` into its product and order views and
filters them by partner; that filter leaks (a mixed order's detail page shows every line and
the shopper's address to each producer in it). Our producers work in the producer portal
(``shop.producers``) instead, where every view is scoped to the user's producer; here the
partner alternative is struck from the permission maps, so those Oscar views are staff-only.
"""

from oscar.core.loading import get_class


def staff_only(permissions_map: dict) -> dict:
    DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
    partner = DashboardPermission.partner_dashboard_access
    result = {}
    for name, permissions in permissions_map.items():
        if isinstance(permissions, tuple):
            kept = tuple(p for p in permissions if p != partner)
            permissions = kept[0] if len(kept) == 1 else kept
        elif permissions == partner:
            permissions = ["is_staff"]
        result[name] = permissions
    return result
