from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("", views.community_home, name="home"),
    path("pages/<id:page_id>/", views.discussion, name="discussion"),
    path("posts/", views.post_create, name="post_create"),
    path("posts/<id:pk>/reply/", views.reply, name="reply"),
    path("posts/<id:pk>/edit/", views.post_edit, name="post_edit"),
    path("posts/<id:pk>/delete/", views.post_delete, name="post_delete"),
    path("posts/<id:pk>/helpful/", views.post_helpful, name="post_helpful"),
    path("posts/<id:pk>/follow/", views.thread_follow, name="thread_follow"),
    path("posts/<id:pk>/resolve/", views.question_resolve, name="question_resolve"),
    path("posts/<id:pk>/flag/", views.post_flag, name="post_flag"),
    path("notices/<id:pk>/dismiss/", views.notice_dismiss, name="notice_dismiss"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("confirm/<str:token>/", views.guest_confirm, name="guest_confirm"),
    path("members/<id:pk>/", views.profile, name="profile"),
    path("profile/", views.profile_edit, name="profile_edit"),
    path("profile/delete/", views.account_delete, name="account_delete"),
    path("faq-search/", views.faq_search, name="faq_search"),
]
