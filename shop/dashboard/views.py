from django.shortcuts import redirect
from oscar.apps.dashboard.views import IndexView as OscarIndexView
from oscar.apps.dashboard.views import LoginView  # noqa: F401  (get_class looks here first)


class IndexView(OscarIndexView):
    """Staff get Oscar's dashboard; producer users go to their own portal."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_staff:
            return redirect("producers:home")
        return super().dispatch(request, *args, **kwargs)
