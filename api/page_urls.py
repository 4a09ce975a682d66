"""The token pages' URLs, mounted twice (xuanson_tdkt/urls.py): /connections/ for a commune's office
(namespace api_clients), /province/connections/ for the province's operators (province_api_clients)."""

from django.urls import path

from . import pages


def _patterns(side):
    kwargs = {"side": side}
    return [
        path("", pages.client_list, kwargs, name="list"),
        path("new/", pages.client_create, kwargs, name="create"),
        path("<int:pk>/revoke/", pages.client_revoke, kwargs, name="revoke"),
        path("<int:pk>/calls/", pages.client_calls, kwargs, name="calls"),
    ]


commune_urls = (_patterns(pages.COMMUNE), "api_clients")
province_urls = (_patterns(pages.PROVINCE), "province_api_clients")
