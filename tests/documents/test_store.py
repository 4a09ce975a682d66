"""The store of rendered documents: one rendering per HTML, even when several requests ask for it at once."""

import threading
import time

from documents import store


def test_the_same_html_is_rendered_once_even_at_the_same_moment(rendered):
    calls = []

    def render(html):
        calls.append(html)
        time.sleep(0.2)  # long enough for every thread to ask while the first one renders
        return b"%PDF-1.7\n" + html.encode()

    results = []
    threads = [threading.Thread(target=lambda: results.append(store.pdf_for_html("<p>Một</p>", render)))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and len({result.sha256 for result in results}) == 1
    assert results[0].read() == "%PDF-1.7\n<p>Một</p>".encode()
    assert store.pdf_for_html("<p>Hai</p>", render).read() == b"%PDF-1.7\n<p>Hai</p>" and len(calls) == 2
    assert not list(rendered.rglob("*.tmp"))  # written under a temporary name, then renamed


def test_the_same_bytes_are_kept_once(rendered):
    first = store.keep(b"%PDF-1.7\nx")
    again = store.keep(b"%PDF-1.7\nx")
    assert first == again and first.path == store.pdf_path(first.sha256)
    assert len(list(rendered.rglob("*.pdf"))) == 1


def test_the_renderer_is_part_of_the_key(rendered, monkeypatch):
    before = store.html_key("<p>Một</p>")
    monkeypatch.setattr(store, "STORE_VERSION", "test")
    store.renderer_fingerprint.cache_clear()
    try:
        assert store.html_key("<p>Một</p>") != before  # a new WeasyPrint or font renders everything again
    finally:
        monkeypatch.undo()
        store.renderer_fingerprint.cache_clear()
