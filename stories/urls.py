from django.urls import path

from . import views

urlpatterns = [
    path("faq-feedback/<id:pk>/", views.faq_feedback, name="faq_feedback"),
]
