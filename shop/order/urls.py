from django.urls import path

from . import views

app_name = "order_tracking"
urlpatterns = [path("", views.OrderTrackingView.as_view(), name="lookup")]
