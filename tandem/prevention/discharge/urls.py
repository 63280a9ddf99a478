"""The discharge hub's pages, under /prevention/discharge/ (joined into prevention's URLs)."""

from django.urls import path

from tandem.prevention.discharge import views

urlpatterns = [
    path("discharge/", views.discharge_board, name="discharge_board"),
    path("discharge/rows/", views.discharge_board_rows, name="discharge_board_rows"),
    path("discharge/refer/", views.discharge_refer, name="discharge_refer"),
    path("discharge/figures/", views.discharge_figures, name="discharge_figures"),
    path("discharge/figures/<slug:key>/", views.discharge_figure, name="discharge_figure"),
    path("discharge/referrals/<uuid:referral_uuid>/", views.discharge_referral, name="discharge_referral"),
    path("discharge/referrals/<uuid:referral_uuid>/update/", views.discharge_update, name="discharge_update"),
    path(
        "discharge/referrals/<uuid:referral_uuid>/packages/new/",
        views.discharge_package_seek,
        name="discharge_package_seek",
    ),
    path("discharge/referrals/<uuid:referral_uuid>/discharge/", views.discharge_record, name="discharge_record"),
    path("discharge/referrals/<uuid:referral_uuid>/withdraw/", views.discharge_withdraw, name="discharge_withdraw"),
    path(
        "discharge/packages/<uuid:sought_uuid>/offers/new/",
        views.discharge_offer_record,
        name="discharge_offer_record",
    ),
    path("discharge/offers/<uuid:offer_uuid>/accept/", views.discharge_offer_accept, name="discharge_offer_accept"),
    path("discharge/offers/<uuid:accepted_uuid>/plan/", views.discharge_offer_to_plan, name="discharge_offer_to_plan"),
]
