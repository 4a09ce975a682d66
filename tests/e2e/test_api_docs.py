"""The API's documentation page (/api/docs/, Swagger UI from drf-spectacular-sidecar's static files) works under
the portal's Content Security Policy: the operations are listed and the browser reports no violation (the e2e
conftest fails the test on any)."""

import pytest
from playwright.sync_api import expect


@pytest.mark.django_db(transaction=True)
def test_the_docs_page_lists_the_operations_without_csp_violation(live_server, page):
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failed.append(
        f"{response.status} {response.url}"))
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("API")
    operations = page.locator(".opblock-summary-path")
    expect(operations.first).to_be_visible()
    paths = operations.all_inner_texts()
    assert any("/api/communes/" in path for path in paths), paths
    # An operation opens (its parameters and responses are drawn by the same scripts).
    page.locator(".opblock-summary-path", has_text="/api/communes/").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    page.wait_for_timeout(300)
    assert failed == []


@pytest.mark.django_db(transaction=True)
def test_a_call_tried_from_the_docs_page_with_a_key(live_server, page, office_clerk):
    """"Authorize" with a client's key, then "Try it out" on GET /api/communes/: the call answers 200 and is in the
    client's call log."""
    from api.models import ApiCall
    from tests.api.conftest import make_client

    client, key = make_client(office_clerk)
    page.goto(f"{live_server.url}/api/docs/")
    page.locator("button.authorize").first.click()
    page.locator(".auth-container input").first.fill(key)
    page.locator(".auth-btn-wrapper button.authorize").click()
    page.locator("button.btn-done").click()
    operation = page.locator(".opblock", has=page.locator(".opblock-summary-path", has_text="/api/communes/"))
    operation.first.locator(".opblock-summary").click()
    operation.first.locator("button.try-out__btn").click()
    operation.first.locator("button.execute").click()
    expect(operation.first.locator(".live-responses-table tbody .response-col_status").first).to_have_text("200")
    assert ApiCall.objects.filter(client=client, path="/api/communes/", status=200).exists()
