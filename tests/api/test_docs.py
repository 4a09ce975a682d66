"""The documentation page needs no exception to the Content Security Policy: the site's policy as is, nothing
inline (drf-spectacular's inline <style> is left out by api/templates/api/swagger_ui.html, its start-up script comes
from ?script). tests/e2e/test_api_docs.py shows it working in a browser."""

from tests.test_csp import POLICY, _InlineFinder, policy


def test_the_docs_page_has_the_sites_policy_and_nothing_inline(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert policy(response) == POLICY
    finder = _InlineFinder()
    finder.feed(response.content.decode())
    assert finder.problems == []
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle" in response.content.decode()
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
