"""Video blocks in stories: embedded through oEmbed, served here by a real HTTP server on
loopback (there is no network); a provider that fails leaves a plain link, never an error."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from wagtail.embeds.models import Embed

from cms.models import StoryPage
from tests.cms import helpers

pytestmark = pytest.mark.django_db

IFRAME = (
    '<iframe src="https://video.cho-ocop.test/embed/{id}" width="640" height="360" '
    'title="Nấu đường thốt nốt" allowfullscreen></iframe>'
)


class OEmbedHandler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        query = parse_qs(urlparse(self.path).query)
        self.server.requests.append(query)
        url = query.get("url", [""])[0]
        if "broken" in url:
            self.send_response(500)
            self.end_headers()
            return
        if "garbage" in url:
            body = b"<html>not oEmbed</html>"
        else:
            body = json.dumps(
                {
                    "version": "1.0",
                    "type": "video",
                    "title": "Nấu đường thốt nốt",
                    "provider_name": "Video OCOP",
                    "width": 640,
                    "height": 360,
                    "html": IFRAME.format(id=url.rsplit("/", 1)[-1]),
                }
            ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def oembed(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), OEmbedHandler)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILEMBEDS_FINDERS = [
        {
            "class": "wagtail.embeds.finders.oembed",
            "providers": [
                {
                    "endpoint": f"http://127.0.0.1:{server.server_port}/oembed",
                    "urls": [r"^https://video\.cho-ocop\.test/watch/.+$"],
                },
                {  # a provider whose server is gone: connection refused
                    "endpoint": "http://127.0.0.1:9/oembed",
                    "urls": [r"^https://down\.cho-ocop\.test/.+$"],
                },
            ],
        }
    ]
    yield server
    server.shutdown()
    server.server_close()


def _story_with_video(url, *, slug):
    page = StoryPage(
        title="Một ngày ở lò đường",
        slug=slug,
        intro="Xem cách nấu đường thốt nốt.",
        body=[
            ("paragraph", "<p>Từ bốn giờ sáng.</p>"),
            ("video", {"video": url, "caption": "Nấu đường thốt nốt ở Tri Tôn"}),
        ],
    )
    return helpers.publish(helpers.story_index(), page)


def test_a_story_video_is_embedded(client, oembed):
    page = _story_with_video("https://video.cho-ocop.test/watch/123", slug="lo-duong")
    html = client.get(page.url).content.decode()
    assert 'src="https://video.cho-ocop.test/embed/123"' in html
    assert 'class="story-video__frame"' in html
    assert "Nấu đường thốt nốt ở Tri Tôn" in html  # the caption
    assert "Xem video" not in html
    (asked,) = oembed.requests
    assert asked["url"] == ["https://video.cho-ocop.test/watch/123"]
    assert asked["maxwidth"] == ["800"] and asked["format"] == ["json"]
    # Wagtail keeps the embed: the next view does not ask the provider again
    client.get(page.url)
    assert len(oembed.requests) == 1
    assert Embed.objects.filter(url="https://video.cho-ocop.test/watch/123").exists()


@pytest.mark.parametrize(
    "url",
    [
        "https://video.cho-ocop.test/watch/broken-1",  # provider answers 500
        "https://video.cho-ocop.test/watch/garbage-2",  # not JSON
        "https://down.cho-ocop.test/v/3",  # provider unreachable
        "https://unknown.example.test/v/4",  # no provider for this site
    ],
)
def test_a_failing_video_shows_a_plain_link(client, oembed, url):
    page = _story_with_video(url, slug="lo-duong-loi")
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{url}"' in html and "Xem video" in html
    assert "<iframe" not in html
    assert "Nấu đường thốt nốt ở Tri Tôn" in html


def test_a_failed_embed_is_not_asked_again_on_every_view(client, oembed):
    page = _story_with_video("https://video.cho-ocop.test/watch/broken-9", slug="lo-hong")
    for _ in range(3):
        assert "Xem video" in client.get(page.url).content.decode()
    assert len(oembed.requests) == 1
