from django.urls import path

from . import views

app_name = "gifts"
urlpatterns = [
    path("", views.GiftListView.as_view(), name="list"),
    path("tu-chon/", views.BoxListView.as_view(), name="boxes"),
    path("tu-chon/<int:pk>/", views.BoxBuilderView.as_view(), name="box"),
    path("doanh-nghiep/", views.CorporateView.as_view(), name="corporate"),
    path("doanh-nghiep/mau.csv", views.corporate_template, name="corporate-template"),
    path(
        "doanh-nghiep/lo/<str:reference>/",
        views.CorporateBatchView.as_view(),
        name="corporate-batch",
    ),
]
