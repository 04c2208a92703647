from oscar.apps.dashboard.views import IndexView as OscarIndexView
from oscar.apps.dashboard.views import LoginView  # noqa: F401  (get_class looks here first)


class IndexView(OscarIndexView):
    """Staff get Oscar's dashboard; producer users get their portal's home page instead.

    Oscar's index for partner users sums whole orders (other producers' lines included), so
    producers never see it.
    """

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_staff:
            from shop.producers.views import HomeView

            return HomeView.as_view()(request)
        return super().dispatch(request, *args, **kwargs)
