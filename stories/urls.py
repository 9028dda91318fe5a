from django.urls import path

from . import views

urlpatterns = [
    path("faq-feedback/<int:pk>/", views.faq_feedback, name="faq_feedback"),
]
