from django.urls import path

from . import views

app_name = "statements"

urlpatterns = [
    path("", views.home, name="home"),
    path("statements/", views.statement_list, name="list"),
    path("statements/<int:pk>/", views.statement_detail, name="detail"),
    path("statements/<int:pk>/cite.json", views.statement_csl, name="cite_csl"),
    path("statements/<int:pk>/cite.bib", views.statement_bibtex, name="cite_bibtex"),
    path("statements/<int:pk>/card.png", views.statement_card, name="card"),
    path("corrections/", views.corrections, name="corrections"),
    path("suggest/", views.suggest, name="suggest"),
    path("speakers/", views.speaker_list, name="speakers"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
    path("countries/", views.country_list, name="countries"),
    path("countries/<slug:slug>/", views.country_detail, name="country"),
    path("summits/", views.summit_list, name="summits"),
    path("summits/<slug:slug>/", views.summit_detail, name="summit"),
    path("topics/", views.topic_list, name="topics"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
]
