from django.urls import path

from tandem.identity import views

app_name = "identity"
urlpatterns = [
    path("", views.sign_in, name="sign_in"),
    path("verify/", views.verify, name="verify"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("account/", views.account, name="account"),
    path("account/second-factor/", views.second_factor_setup, name="second_factor_setup"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
