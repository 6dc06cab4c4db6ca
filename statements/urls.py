from django.urls import path

from . import views

app_name = "statements"

urlpatterns = [
    path("", views.home, name="home"),
    path("statements/<int:pk>/", views.statement_detail, name="detail"),
]
