"""HTML pages through trafilatura: article text and metadata kept, page furniture dropped."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.records import Report, Skipped
from sitrep.sources.html import read_html

PARAGRAPHS = [
    "A column of fuel tankers crossed the Tabqa dam road on Friday morning and drove north "
    "toward the old airfield, two farmers living beside the road told the Harbour Ledger.",
    "The farmers said they counted at least fourteen tankers escorted by four pickup trucks "
    "carrying armed men. The column did not stop at the checkpoint outside the town.",
    "A spokesman for the local council declined to say who owned the fuel or where the "
    "tankers were going. Nobody at the airfield answered phone calls on Friday afternoon.",
]

FURNITURE = [
    "Leave a Reply",
    "Your email address will not be published",
    "Name *",
    "Email *",
    "Post Comment",
    "Required fields are marked",
    "Save my name, email, and website",
    "Related articles",
    "Grain prices climb again in Hasakah",
    "Ferry timetable changes for the winter",
    "We use cookies to give you a better visit",
    "Accept all cookies",
    "Share on Facebook",
    "Share by email",
    "Sports pages",
    "Weather desk",
]

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<title>Fuel tankers seen near Tabqa airfield - Harbour Ledger</title>
<meta property="og:title" content="Fuel tankers seen near Tabqa airfield">
<meta property="og:site_name" content="Harbour Ledger">
<meta property="og:url" content="https://harbour-ledger.example/news/tabqa-tankers">
<meta property="article:published_time" content="2025-02-07T06:30:00+00:00">
</head>
<body>
<div class="cookie-consent" id="cookie-banner">
  <p>We use cookies to give you a better visit. See our policy for details.</p>
  <button>Accept all cookies</button>
</div>
<header>
  <nav class="menu"><ul>
    <li><a href="/">Front page</a></li><li><a href="/sports">Sports pages</a></li>
    <li><a href="/weather">Weather desk</a></li>
  </ul></nav>
</header>
<main>
<article class="post">
  <h1 class="entry-title">Fuel tankers seen near Tabqa airfield</h1>
  <div class="sharedaddy share-buttons">
    <a href="https://facebook.example/share">Share on Facebook</a>
    <a href="mailto:?subject=tankers">Share by email</a>
  </div>
  <div class="entry-content">
    <p>{0}</p>
    <p>{1}</p>
    <p>{2}</p>
  </div>
</article>
<aside class="related-posts">
  <h3>Related articles</h3>
  <ul>
    <li><a href="/news/grain">Grain prices climb again in Hasakah</a></li>
    <li><a href="/news/ferry">Ferry timetable changes for the winter</a></li>
  </ul>
</aside>
<div id="comments" class="comments-area">
  <div id="respond" class="comment-respond">
    <h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
    <form id="commentform" class="comment-form" method="post" action="/wp-comments-post.php">
      <p class="comment-notes">Your email address will not be published.
        Required fields are marked <span class="required">*</span></p>
      <p class="comment-form-comment"><label for="comment">Comment</label>
        <textarea id="comment" name="comment"></textarea></p>
      <p class="comment-form-author"><label for="author">Name *</label>
        <input id="author" name="author" type="text"></p>
      <p class="comment-form-email"><label for="email">Email *</label>
        <input id="email" name="email" type="email"></p>
      <p class="comment-form-cookies-consent"><input type="checkbox" id="consent">
        <label for="consent">Save my name, email, and website in this browser.</label></p>
      <p class="form-submit"><input type="submit" value="Post Comment"></p>
    </form>
  </div>
</div>
</main>
<footer><p>Harbour Ledger, all rights reserved.</p></footer>
</body>
</html>
""".format(*PARAGRAPHS)


def only(items):
    assert len(items) == 1, items
    return items[0]


@pytest.fixture(scope="module")
def article() -> Report:
    report = only(list(read_html(ARTICLE_PAGE, origin="tankers.html")))
    assert isinstance(report, Report)
    return report


@pytest.mark.parametrize("paragraph", PARAGRAPHS)
def test_article_paragraph_is_in_text(article, paragraph):
    assert " ".join(paragraph.split()) in " ".join(article.text.split())


@pytest.mark.parametrize("furniture", FURNITURE)
def test_page_furniture_is_not_in_text(article, furniture):
    assert furniture.lower() not in article.text.lower()


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("title", "Fuel tankers seen near Tabqa airfield"),
        ("outlet", "Harbour Ledger"),
        ("url", "https://harbour-ledger.example/news/tabqa-tankers"),
        ("published", date(2025, 2, 7)),
        ("language", "en"),
    ],
)
def test_page_metadata_is_kept(article, field, expected):
    assert getattr(article, field) == expected


def test_html_file_through_read_path(write, read):
    path = write("news/tankers.htm", ARTICLE_PAGE)
    report = only(read(path))
    assert isinstance(report, Report)
    assert report.origin == str(path)
    assert report.outlet == "Harbour Ledger"


def test_same_article_gives_same_id_regardless_of_furniture():
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    heading = "<h1>Fuel tankers seen near Tabqa airfield</h1>"
    bare = f"<html><body><article>{heading}{paragraphs}</article></body></html>"
    with_furniture = only(list(read_html(ARTICLE_PAGE, origin="a")))
    without = only(list(read_html(bare, origin="b")))
    assert with_furniture.id == without.id


@pytest.mark.parametrize("phrase", ["leave a reply", "post comment", "email"])
def test_bundled_sample_has_no_comment_form(samples, read, phrase):
    report = only(read(samples / "syria_coast_convoy.html"))
    assert isinstance(report, Report)
    assert "Witnesses counted about 30 vehicles" in report.text
    assert phrase not in report.text.lower()


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("outlet", "Mediterranean Post"),
        ("published", date(2024, 12, 18)),
        ("language", "en"),
    ],
)
def test_bundled_sample_metadata(samples, read, field, expected):
    assert getattr(only(read(samples / "syria_coast_convoy.html")), field) == expected


def test_xhtml_with_xml_declaration_is_read(write, read):
    sentence = "Les camions ont quitté la base aérienne de nuit, selon des habitants du quartier."
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" lang="fr"><head><title>Camions</title></head>'
        f"<body><article><p>{sentence}</p><p>{sentence}</p></article></body></html>"
    )
    report = only(read(write("page.xhtml", page)))
    assert isinstance(report, Report)
    assert "quitté la base aérienne" in report.text
    assert report.language == "fr"


def test_unclosed_tags_keep_the_readable_text():
    page = (
        "<html><body><div><p>Residents of Mayadin said a line of trucks crossed the river bridge "
        "before dawn and kept moving east toward the border for most of the morning."
        "<p>Another resident said the trucks carried water tanks covered with grey sheets"
        "<div><b>never closed"
    )
    report = only(list(read_html(page, origin="broken.html")))
    assert isinstance(report, Report)
    assert "crossed the river bridge" in report.text
    assert "water tanks covered with grey sheets" in report.text


@pytest.mark.parametrize(
    "page",
    [
        "<<<>>> <html <body>> &&&; <p <p> ]]> <!-- <",
        "<html><body><p>half a tag <a href='x",
        "</p></div></body></html><html><p>",
        "<?xml version='1.0'?><![CDATA[ <p> ]]>",
        "&#xD800; &#0; &bogus; <p>\u2028\ufeff</p>",
        "<script>var x = '<p>not text</p>';</script><style>p{}</style>",
    ],
)
def test_garbage_html_never_raises(page):
    items = list(read_html(page, origin="garbage.html"))
    assert len(items) == 1
    item = items[0]
    assert isinstance(item, (Report, Skipped))
    if isinstance(item, Skipped):
        assert item.reason and "\n" not in item.reason
    else:
        assert item.text.strip()


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<html><body><script>document.write('hello');</script></body></html>",
    ],
)
def test_page_without_main_text_is_skipped(page):
    item = only(list(read_html(page, origin="hollow.html")))
    assert isinstance(item, Skipped)
    assert item.reason == "no main text found in HTML page"
