from django.urls import path

from . import api

urlpatterns = [
    path("", api.search_api, name="search_api"),
    path("suggest/", api.suggest_api, name="search_suggest_api"),
]
