"""`sitrep eval ...`: figures against gold data (extraction, geoparsing)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from sitrep.cli.options import load_pipeline
from sitrep.settings import Settings


@click.group("eval")
def evaluate() -> None:
    """Evaluations against gold data: they print figures."""


@evaluate.command("extract")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--errors", "show_errors", is_flag=True, help="Also list every missed, extra and wrong event.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--veto", type=float, help="Classifier veto threshold (0 = rules only; default 0.6 or $SITREP_VETO).")
@click.option("--scope", type=click.Choice(["movements", "all"]), help="Events kept (default movements, or $SITREP_SCOPE); the own gold sets code every category: use all.")
@click.option("--salience", type=float, help="Learned event filter threshold in the movement scope (0 = off, the default, or $SITREP_SALIENCE; 0.125 was chosen on real-text dev).")
@click.pass_obj
def eval_extract(settings: Settings, gold: tuple[Path, ...], show_errors: bool, fmt: str, veto: float | None,
                 scope: str | None, salience: float | None) -> None:
    """Precision/recall/F1 of event detection, accuracy of type, actor, place, date, attribution."""
    from sitrep.pipeline.evaluate import evaluate_extraction_on

    n_reports, scores = evaluate_extraction_on(gold, pipeline=load_pipeline(settings.with_veto(veto).with_scope(scope).with_salience(salience)))
    if fmt == "json":
        click.echo(json.dumps(scores.as_dict(), sort_keys=True))
    else:
        figures = scores.as_dict()
        click.echo(f"gold events {scores.gold}, predicted {scores.predicted}, matched {scores.matched} "
                   f"({n_reports} reports)")
        click.echo(f"detection  precision {figures['precision']:.3f}  recall {figures['recall']:.3f}  "
                   f"F1 {figures['f1']:.3f}")
        for name in ("type", "actor", "place", "date", "attribution"):
            click.echo(f"{name:12} accuracy {figures[name + '_accuracy']:.3f}")
        click.echo(f"right events (type, actor, place, date all right): {scores.right}  "
                   f"precision {figures['strict_precision']:.3f}  recall {figures['strict_recall']:.3f}  "
                   f"F1 {figures['strict_f1']:.3f}")
        if scores.gold_by_class:
            click.echo("gold events not right, by failure class: " + ", ".join(
                f"{name} {scores.missed_by_class.get(name, 0)}/{n}" for name, n in sorted(scores.gold_by_class.items())))
    for line in scores.skipped:
        click.echo(f"skipped {line}", err=True)
    for line in scores.failed:
        click.echo(f"FAILED (its gold events count as missed) {line}", err=True)
    if not n_reports:
        click.echo("error: no gold report could be read (real-text annotations need their texts in "
                   "texts/: see tests/data/realtext/README.md)", err=True)
        sys.exit(1)
    if show_errors:
        for line in scores.errors:
            click.echo(line, err=True)


@evaluate.command("geo")
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--limit", type=int, help="Only the first N articles.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--demonyms", type=click.Choice(["auto", "count", "ignore"]), default="auto", show_default=True,
              help="Score predicted demonyms ('Russian') as toponyms: auto = when the corpus annotates some.")
@click.pass_obj
def eval_geo(settings: Settings, corpus: Path, limit: int | None, fmt: str, demonyms: str) -> None:
    """Geoparsing against LGL (lgl.xml) or GeoVirus (GeoVirus.xml): accuracy@161 km, errors, AUC, P/R."""
    from sitrep.geo.evaluate import read_corpus
    from sitrep.pipeline.evaluate import evaluate_geoparsing

    articles = read_corpus(corpus, limit=limit)
    count = {"auto": None, "count": True, "ignore": False}[demonyms]
    figures = evaluate_geoparsing(articles, pipeline=load_pipeline(settings), demonyms=count).as_dict()
    if fmt == "json":
        click.echo(json.dumps(figures, sort_keys=True))
        return
    click.echo(f"{corpus.name}: {figures['articles']} articles, {figures['gold_toponyms']} gold toponyms")
    click.echo(f"recognition  precision {figures['precision']:.3f}  recall {figures['recall']:.3f}  "
               f"F1 {figures['f1']:.3f}")
    counted = "counted" if figures["demonyms_counted"] else "not counted: the corpus annotates none"
    click.echo(f"demonyms ({counted}): {figures['demonyms_predicted']} predicted, "
               f"{figures['demonyms_matched']} on gold toponyms")
    click.echo(f"resolution over the {figures['recognised']} recognised geocoded gold toponyms "
               f"({figures['unresolved']} left unresolved count as 20,039 km):")
    click.echo(f"  acc@161km {figures['accuracy_161']:.3f}  mean {figures['mean_km']:.0f} km  "
               f"median {figures['median_km']:.1f} km  AUC {figures['auc']:.3f}")
    click.echo(f"over all geocoded gold toponyms ({figures['unrecognised']} unrecognised count as 20,039 km):")
    click.echo(f"  acc@161km {figures['all_accuracy_161']:.3f}  mean {figures['all_mean_km']:.0f} km  "
               f"median {figures['all_median_km']:.1f} km  AUC {figures['all_auc']:.3f}")
