"""RSS 2.0 and Atom feeds: one report per entry."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.records import Report, Skipped
from sitrep.sources.feeds import read_feed

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Border Crossing Log</title>
    <link>https://crossing-log.example/</link>
    <description>Notes from the northern crossings.</description>
    <language>en-us</language>
    <item>
      <title>Queue of lorries at the crossing</title>
      <link>https://crossing-log.example/2025/03/01/queue</link>
      <pubDate>Sat, 01 Mar 2025 07:15:00 +0000</pubDate>
      <description>About forty lorries waited at the crossing on Saturday.</description>
    </item>
    <item>
      <title>Crossing closed for repairs</title>
      <link>https://crossing-log.example/2025/03/03/closed</link>
      <pubDate>Mon, 03 Mar 2025 18:40:00 +0000</pubDate>
      <description>&lt;p&gt;The crossing was &lt;b&gt;closed&lt;/b&gt;
        for road repairs.&lt;/p&gt;</description>
    </item>
    <item>
      <title>Crossing reopens</title>
      <link>https://crossing-log.example/2025/03/05/reopens</link>
      <pubDate>Wed, 05 Mar 2025 09:00:00 +0000</pubDate>
      <description><![CDATA[<div class="lede">Traffic <em>resumed</em>
        on Wednesday.</div>]]></description>
    </item>
  </channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr-FR">
  <title>Carnet du Désert</title>
  <id>urn:example:carnet</id>
  <updated>2025-04-02T10:00:00Z</updated>
  <entry>
    <title>Avions au sol</title>
    <id>urn:example:carnet:1</id>
    <link rel="alternate" href="https://carnet.example/avions"/>
    <updated>2025-04-01T08:00:00Z</updated>
    <summary type="html">&lt;p&gt;Deux avions &lt;strong&gt;restent&lt;/strong&gt;
      au sol.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title>Camions partis</title>
    <id>urn:example:carnet:2</id>
    <link href="https://carnet.example/camions"/>
    <published>2025-03-30T21:00:00Z</published>
    <updated>2025-04-02T10:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <p>Les camions <em>sont partis</em>.</p>
    </div></content>
  </entry>
</feed>
"""


def reports(data: str, origin: str = "feed.xml") -> list:
    return list(read_feed(data.encode("utf-8"), origin=origin))


@pytest.fixture(params=["rss", "atom"])
def feed(request):
    return {"rss": (RSS, 3), "atom": (ATOM, 2)}[request.param]


def test_one_report_per_entry(feed):
    data, count = feed
    items = reports(data)
    assert len(items) == count
    assert all(isinstance(item, Report) for item in items)


def test_entry_origins_are_numbered(feed):
    data, count = feed
    assert [r.origin for r in reports(data, "in/news.xml")] == [
        f"in/news.xml#entry-{n}" for n in range(1, count + 1)
    ]


@pytest.mark.parametrize(
    ("data", "outlet"), [(RSS, "Border Crossing Log"), (ATOM, "Carnet du Désert")]
)
def test_outlet_is_the_channel_title(data, outlet):
    assert {r.outlet for r in reports(data)} == {outlet}


@pytest.mark.parametrize(
    ("data", "urls"),
    [
        (RSS, ["https://crossing-log.example/2025/03/01/queue",
               "https://crossing-log.example/2025/03/03/closed",
               "https://crossing-log.example/2025/03/05/reopens"]),
        (ATOM, ["https://carnet.example/avions", "https://carnet.example/camions"]),
    ],
)
def test_url_is_the_entry_link(data, urls):
    assert [r.url for r in reports(data)] == urls


@pytest.mark.parametrize(
    ("data", "dates"),
    [
        (RSS, [date(2025, 3, 1), date(2025, 3, 3), date(2025, 3, 5)]),
        # Atom: <updated> when alone, <published> when both are given.
        (ATOM, [date(2025, 4, 1), date(2025, 3, 30)]),
    ],
)
def test_published_comes_from_entry_dates(data, dates):
    assert [r.published for r in reports(data)] == dates


@pytest.mark.parametrize(
    ("data", "titles"),
    [
        (RSS, ["Queue of lorries at the crossing", "Crossing closed for repairs",
               "Crossing reopens"]),
        (ATOM, ["Avions au sol", "Camions partis"]),
    ],
)
def test_title_comes_from_entry(data, titles):
    assert [r.title for r in reports(data)] == titles


@pytest.mark.parametrize(("data", "language"), [(RSS, "en"), (ATOM, "fr")])
def test_language_comes_from_feed(data, language):
    assert {r.language for r in reports(data)} == {language}


@pytest.mark.parametrize(
    ("data", "index", "text"),
    [
        (RSS, 0, "About forty lorries waited at the crossing on Saturday."),
        (RSS, 1, "The crossing was closed for road repairs."),
        (RSS, 2, "Traffic resumed on Wednesday."),
        (ATOM, 0, "Deux avions restent au sol."),
        (ATOM, 1, "Les camions sont partis."),
    ],
)
def test_entry_html_is_stripped(data, index, text):
    assert " ".join(reports(data)[index].text.split()) == text


def test_entry_without_text_is_skipped_and_others_kept():
    data = RSS.replace(
        "<description>About forty lorries waited at the crossing on Saturday.</description>", ""
    )
    items = reports(data, "log.rss")
    assert [type(i) for i in items] == [Skipped, Report, Report]
    assert items[0].origin == "log.rss#entry-1"
    assert items[0].reason == "feed entry has no text"


@pytest.mark.parametrize("name", ["log.xml", "log.rss", "log.atom", "LOG.XML"])
def test_feed_extensions_are_read_from_disk(write, read, name):
    path = write(name, RSS)
    items = read(path)
    assert [r.origin for r in items] == [f"{path}#entry-{n}" for n in (1, 2, 3)]


def test_latin1_declared_feed_is_decoded(write, read):
    data = RSS.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace(
        "on Saturday", "near Qamishlî on Saturday"
    )
    items = read(write("latin.xml", data, encoding="latin-1"))
    assert "near Qamishlî on Saturday" in items[0].text


@pytest.mark.parametrize(
    "content",
    [
        '<?xml version="1.0"?>\n<settings><option name="colour">blue</option></settings>\n',
        "This is a plain note saved with the wrong extension.\n",
        "<html><body><p>A web page, not a feed.</p></body></html>\n",
        '<rss version="2.0"><channel><title>Empty channel</title></channel></rss>\n',
    ],
)
def test_xml_file_that_is_not_a_feed_is_skipped(write, read, content):
    path = write("settings.xml", content)
    items = read(path)
    assert len(items) == 1
    assert isinstance(items[0], Skipped)
    assert items[0].origin == str(path)


def test_bundled_sample_feed(samples, read):
    items = read(samples / "feed_syria_monitor.xml")
    assert len(items) == 3
    assert {r.outlet for r in items} == {"Syria Monitor"}
    assert items[0].published == date(2024, 12, 17)


@pytest.mark.parametrize(
    "markup",
    [
        "&lt;p&gt;Tanks left the depot.&lt;/p&gt;&lt;p&gt;Crews loaded the ferry.&lt;/p&gt;",
        "Tanks left the depot.&lt;br&gt;Crews loaded the ferry.",
    ],
)
def test_entry_paragraphs_stay_apart(markup):
    data = RSS.replace(
        "About forty lorries waited at the crossing on Saturday.", markup
    )
    words = reports(data)[0].text.split()
    assert "depot." in words
    assert "Crews" in words
