from django.urls import path

from . import views

urlpatterns = [
    path("", views.search_page, name="search"),
    path("click/", views.search_click, name="search_click"),
]
