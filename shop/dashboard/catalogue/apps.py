import oscar.apps.dashboard.catalogue.apps as apps

from ..permissions import staff_only


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    name = "shop.dashboard.catalogue"

    def configure_permissions(self):
        super().configure_permissions()
        self.permissions_map = staff_only(self.permissions_map)
