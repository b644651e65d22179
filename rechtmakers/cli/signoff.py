"""`sign`, `status`, `verify`, `log` and `vaststellen`: sign-offs in git, from the command line."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from rechtmakers.cli.app import app, guarded, is_quiet
from rechtmakers.document.labels import long_moment
from rechtmakers.source_names import DEFAULT_DIR, META_FILE, PARTIES_FILE

if TYPE_CHECKING:  # the types only: a command imports its feature when it runs
    from rechtmakers.json_value import JsonObject, JsonValue
    from rechtmakers.signoff.changes import Event
    from rechtmakers.signoff.history import Entry
    from rechtmakers.signoff.kinds import ProofKind
    from rechtmakers.signoff.report import TrustReport
    from rechtmakers.signoff.status import AgreementStatus
    from rechtmakers.signoff.trust import PartyTrust, RecordCheck
    from rechtmakers.signoff.verify import Verdict, Verification

def evidence_words(kind: ProofKind | None) -> str:
    """The kind of evidence in plain Dutch."""
    return kind.words.cli if kind is not None else "geen bewijs"


class Format(StrEnum):
    human = "tekst"
    json = "json"


def _roots(paths: list[Path] | None) -> list[Path]:
    # An agreement folder named outright needs no search (nor the validator's imports).
    if paths and all((path / META_FILE).is_file() for path in paths):
        return list(dict.fromkeys(paths))
    from rechtmakers.validate import find_agreements

    return find_agreements(paths or [])


def one_root(path: Path | None) -> Path:
    from rechtmakers.errors import UsageError

    roots = _roots([path] if path else None)
    if len(roots) > 1:
        raise UsageError("Er zijn meerdere overeenkomsten; geef aan welke, bijvoorbeeld: "
                         f"{_command_as_run()} {roots[0]}")
    return roots[0]


def _command_as_run() -> str:
    """The command that was run, as the user would type it again: "rechtmakers log",
    "rechtmakers sign --partij ID"."""
    from rechtmakers.cli.dutch import get_current_context

    ctx = get_current_context(silent=True)
    if ctx is None:
        return "rechtmakers"
    words = ["rechtmakers", *ctx.command_path.split()[1:]]
    for param in ctx.command.params:  # the options the command cannot do without, as given
        value = ctx.params.get(param.name or "")
        if param.param_type_name == "option" and param.required and value is not None:
            words += [param.opts[0], str(value)]
    return " ".join(words)


def _emit_json(data: JsonValue) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.command()
def sign(
    party: str = typer.Option(..., "--partij", "-p", help="Kenmerk van de partij waarvoor u "
                              "tekent, zoals de-schoor."),
    path: Path = typer.Argument(None, metavar="PAD", help="De overeenkomst (map). Standaard: "
                                f"de enige onder {DEFAULT_DIR}/.", show_default=False),
    note: str = typer.Option(None, "--opmerking", help="Een opmerking bij de ondertekening."),
    evidence: Path = typer.Option(None, "--bewijs", metavar="BESTAND", help="Los bewijs van een "
                                  "vertegenwoordiger, zoals de .sig van ssh-keygen -Y sign "
                                  "onder de akkoordverklaring (rechtmakers review). U legt "
                                  "het vast; het record noemt de vertegenwoordiger."),
) -> None:
    """Onderteken de huidige, vastgelegde versie namens een partij.

    Zonder --bewijs tekent u zelf: uw git-e-mailadres moet van een vertegenwoordiger zijn, en
    heeft die een sleutel in partijen.yaml, dan moet git de commit met die sleutel tekenen.
    Met --bewijs legt u de handtekening van een vertegenwoordiger vast. Schrijft alleen
    ondertekeningen/<partij>/<ondertekenaar>.yaml (en het bewijs ernaast) en legt alleen dat
    vast in git. Exitcode 0: getekend. 1: geweigerd (fouten in de overeenkomst, niet
    vastgelegde wijzigingen, onbekende partij, geen vertegenwoordiger, bewijs of sleutel
    klopt niet). 2: verkeerd aangeroepen of git ontbreekt.
    """
    from rechtmakers.signoff.sign import sign as sign_agreement

    with guarded():
        result = sign_agreement(one_root(path), party, note, evidence)
    record = result.record
    if result.commit is None:
        typer.echo(f"{record.signer.name} heeft deze inhoud al ondertekend namens "
                   f"{result.party.name} (versie {record.version}, "
                   f"{long_moment(record.signed_at)}). Er is niets vastgelegd.")
        return
    if result.warning:
        typer.echo(result.warning, err=True)
    if is_quiet():
        return
    typer.echo(f"Getekend: {record.signer.name} namens {result.party.name}, versie "
               f"{record.version} (digest {record.digest[:12]}), bewijs: "
               f"{evidence_words(result.kind)}.")
    typer.echo(f"Vastgelegd in commit {result.commit[:12]}: alleen "
               f"{result.path.parent.name}/{result.path.name}"
               f"{' met het bewijs ernaast' if evidence else ''}.")


@app.command()
def status(
    paths: list[Path] = typer.Argument(None, metavar="PAD", help="Overeenkomsten (mappen). "
                                       f"Standaard: {DEFAULT_DIR}/.", show_default=False),
    fmt: Format = typer.Option(Format.human, "--format", "-f", help="tekst of json."),
) -> None:
    """Toon per partij of ze precies deze inhoud tekende, met bewijs dat klopt.

    Per partij: getekend, gedeeltelijk (gezamenlijk bevoegd, nog niet genoeg ondertekenaars),
    verouderd (een eerdere inhoud), telt niet (met de reden) of ontbreekt; met wie tekende,
    wanneer en met welk bewijs, en de sleutels. Exitcode 0, ook als er nog handtekeningen
    ontbreken. 1: de overeenkomst is niet te lezen.
    """
    from rechtmakers.signoff.status import agreement_status

    with guarded():
        results = [agreement_status(root) for root in _roots(paths)]
    if fmt is Format.json:
        _emit_json(results[0].as_dict() if len(results) == 1 else
                   [r.as_dict() for r in results])
        return
    for result in results:
        _print_status(result)


def _print_status(result: AgreementStatus) -> None:
    from rechtmakers.signoff.kinds import PartyState

    meta = result.agreement.meta
    typer.echo(f"{result.agreement.id} versie {meta.version} (digest {result.digest[:12]})")
    width = max((len(p.party.id) for p in result.parties), default=0)
    for item in result.parties:
        typer.echo(f"  {item.state.words.label:<12} {item.party.id:<{width}}  "
                   f"{_status_detail(item)}".rstrip())
        if item.reason and item.state is not PartyState.SIGNED:
            typer.echo(f"  {'':<12} {'':<{width}}  ({item.reason})")
        for key in item.keys:
            if key.trusted and key.listed:
                typer.echo(f"  {'':<12} {'':<{width}}  sleutel {key.email} "
                           f"{key.fingerprint[:19]}…: {key.source}")
            elif not key.trusted:
                typer.echo(f"  {'':<12} {'':<{width}}  let op: de sleutel {key.fingerprint} van "
                           f"{key.email} {key.source}")
    for stray in result.report.strays:
        typer.echo(f"  let op: {stray.path} hoort bij geen partij in {PARTIES_FILE}.")
    for note in result.report.notes:
        typer.echo(f"  let op: {note}.")
    total, signed = len(result.parties), result.count(PartyState.SIGNED)
    if result.complete:
        typer.echo(f"Volledig ondertekend: alle {total} partijen tekenden deze inhoud.")
    else:
        counts = [f"{result.count(state)} {state.words.summary}" for state in PartyState
                  if state is not PartyState.SIGNED and result.count(state)]
        typer.echo(f"{signed} van {total} partijen tekenden deze inhoud"
                   f"{'; ' + ', '.join(counts) if counts else ''}.")


def _status_detail(item: PartyTrust) -> str:
    from rechtmakers.signoff.kinds import PartyState

    name = item.party.name
    if item.signers:
        who = "; ".join(_signer_text(check) for check in item.signers)
        needed = f" ({len(item.signers)} van {item.needed})" if item.needed > 1 else ""
        return f"{name}{needed}: {who}"
    older = [c.record for c in item.records if c.counts and c.record]
    if item.state is PartyState.STALE and older:
        record = max(older, key=lambda r: r.signed_at)
        return (f"{name}: tekende versie {record.version} op {long_moment(record.signed_at)} "
                f"({record.signer.name})")
    return str(name)


def _signer_text(check: RecordCheck) -> str:
    record = check.record
    if record is None:  # a signer is a counting record, read
        return ""
    return str(f"{record.signer.name}, {long_moment(record.signed_at)}, "
            f"{evidence_words(check.kind)}{_certificate(check.kind, check.key)}")


def _certificate(kind: ProofKind | None, key: str | None) -> str:
    """For a signed PDF, whose certificate signed it (its subject)."""
    return f", certificaat {key}" if kind is not None and kind.by_certificate and key else ""


@app.command()
def verify(
    paths: list[Path] = typer.Argument(None, metavar="PAD", help="Overeenkomsten (mappen). "
                                       f"Standaard: {DEFAULT_DIR}/.", show_default=False),
    party: str = typer.Option(None, "--partij", "-p", help="Alleen de ondertekening van deze "
                              "partij controleren."),
    fmt: Format = typer.Option(Format.human, "--format", "-f", help="tekst of json."),
) -> None:
    """Controleer elke ondertekening en elke sleutel, offline: het bewijs (de commit van de
    vertegenwoordiger, de handtekening eronder, of het losse bewijs), de sleutel en waar het
    vertrouwen erin vandaan komt, en de digest van de inhoud.

    Exitcode 0: alles klopt. 1: een ondertekening of sleutel klopt niet. 2: verkeerd
    aangeroepen.
    """
    from rechtmakers.signoff.verify import verify_agreement

    with guarded():
        results = [(root, verify_agreement(root, party)) for root in _roots(paths)]
    if fmt is Format.json:
        _emit_json([{"agreement": root.name, "ok": result.ok,
                     "records": [_verdict_dict(v) for v in result.verdicts],
                     "keys": [{"party": k.party_id, **k.as_dict()} for k in result.keys],
                     "root": result.status.report.root,
                     "authority_not_counted": list(result.status.report.authority)}
                    for root, result in results])
    else:
        for root, result in results:
            _print_verdicts(root, result)
    raise typer.Exit(0 if all(result.ok for _, result in results) else 1)


def _verdict_dict(verdict: Verdict) -> JsonObject:
    record = verdict.record
    return {"party": verdict.party_id, "path": verdict.path, "ok": verdict.ok,
            "current": verdict.current, "evidence": verdict.kind, "commit": verdict.commit,
            "key": verdict.key, "signer": record.signer.email if record else None,
            "version": record.version if record else None, "reasons": verdict.reasons}


def _print_authority(report: TrustReport) -> None:
    """The root of trust, and every change of authority that does not count."""
    if report.root:
        typer.echo(f"  wortel van vertrouwen: commit {report.root['commit']} van "
                   f"{report.root['author']} (controleer deze eenmalig buiten git om)")
    if report.authority:
        typer.echo("  wijzigingen van gezag die niet tellen:")
    for change in report.authority:
        typer.echo(f"    - commit {change['commit'][:12]} {change['wat']}: {change['waarom']}")


def _print_verdicts(root: Path, result: Verification) -> None:
    typer.echo(f"{root.name}:")
    verdicts = result.verdicts
    if not verdicts:
        typer.echo("  nog geen ondertekeningen.")
    for verdict in verdicts:
        record = verdict.record
        if verdict.ok and record is not None:  # a record that counts was read
            where = f", commit {verdict.commit[:12]}" if verdict.commit else ""
            key = (_certificate(verdict.kind, verdict.key) or f", sleutel {verdict.key}"
                   if verdict.key else "")
            old = "" if verdict.current else " (een eerdere inhoud)"
            typer.echo(f"  klopt      {verdict.party_id}: {record.signer.name} "
                       f"<{record.signer.email}>, versie {record.version}{old}, "
                       f"{evidence_words(verdict.kind)}{where}{key}")
            continue
        typer.echo(f"  klopt niet {verdict.party_id} ({verdict.path}):" if verdict.path else
                   f"  klopt niet {verdict.party_id}:")
        for reason in verdict.reasons:
            typer.echo(f"    - {reason}")
    if result.keys:
        typer.echo("  sleutels:")
    for state in result.keys:
        word = "telt     " if state.trusted else "telt niet"
        typer.echo(f"    {word} {state.party_id}: {state.email} {state.fingerprint} "
                   f"({state.source})")
    _print_authority(result.status.report)
    good = sum(1 for v in verdicts if v.ok)
    typer.echo(f"{good} van {len(verdicts)} ondertekeningen kloppen.")
    if result.bad_keys:
        typer.echo(f"{len(result.bad_keys)} sleutel(s) in {PARTIES_FILE} tellen niet.")


@app.command()
def log(
    args: list[str] = typer.Argument(None, metavar="[ARTIKEL] [PAD]", help="Optioneel een "
                                     "artikel (kenmerk, zoals besluitvorming) en de "
                                     "overeenkomst (map).", show_default=False),
    fmt: Format = typer.Option(Format.human, "--format", "-f", help="tekst of json."),
) -> None:
    """Toon de geschiedenis van de overeenkomst of van één artikel: versies, wat er veranderde,
    en wie wat ondertekende en wanneer. Nieuwste eerst.

    Exitcode 0. 2: verkeerd aangeroepen of geen git.
    """
    from rechtmakers.signoff.history import agreement_log

    with guarded():
        article, path = _log_arguments(args or [])
        root = one_root(path)
        entries = agreement_log(root, article)
    if fmt is Format.json:
        _emit_json({"agreement": root.name, "article": article,
                    "entries": [e.as_dict() for e in entries]})
        return
    _print_log(root, article, entries)


def _log_arguments(args: list[str]) -> tuple[str | None, Path | None]:
    from rechtmakers.errors import UsageError

    if len(args) > 2:
        raise UsageError("Geef hooguit een artikel en een overeenkomst op: rechtmakers log "
                         "[ARTIKEL] [PATH].")
    if len(args) == 2:
        return args[0], Path(args[1])
    if len(args) == 1 and (Path(args[0]).exists() or "/" in args[0]):
        return None, Path(args[0])
    return (args[0] if args else None), None


def _print_log(root: Path, article: str | None, entries: list[Entry]) -> None:
    if not entries:
        subject = f"artikel {article} van {root.name}" if article else root.name
        typer.echo(f"Geen geschiedenis gevonden voor {subject}.")
    lines: list[str] = []
    for entry in entries:
        commit = entry.commit
        when = long_moment(dt.datetime.fromisoformat(commit.date))
        lines.append(f"{when}  {commit.sha[:12]}  {commit.author} <{commit.author_email}>")
        lines.append(f"    {commit.subject}")
        lines += [f"    ◆ vastgesteld: tag {tag}" if tag in entry.sealed else
                  f"    ◇ tag {tag} (niet gemaakt door vaststellen; deze versie is niet "
                  "vastgesteld)" for tag in entry.tags]
        lines += [f"    {_mark(event)} {event.text}" for event in entry.events]
        lines.append("")
    if lines:
        typer.echo("\n".join(lines))


def _mark(event: Event) -> str:
    """✎ a sign-off, • a binding change, · a change that is not binding."""
    from rechtmakers.signoff.changes import EventKind

    if event.kind is EventKind.SIGNOFF:
        return "✎"
    return "•" if event.binding else "·"


@app.command()
def vaststellen(
    path: Path = typer.Argument(None, metavar="PAD", help="De overeenkomst (map). Standaard: "
                                f"de enige onder {DEFAULT_DIR}/.", show_default=False),
) -> None:
    """Stel de overeenkomst vast als alle partijen dezelfde inhoud tekenden: zet status op
    vastgesteld (een eigen commit van alleen overeenkomst.yaml) en maak de tag <id>/v<versie>.

    Exitcode 0: vastgesteld (of was het al). 1: nog niet iedereen tekende, of niet alles is
    vastgelegd. 2: verkeerd aangeroepen of git ontbreekt.
    """
    from rechtmakers.signoff.seal import seal

    with guarded():
        result = seal(one_root(path))
    if is_quiet():
        return
    if not result.tagged:
        typer.echo(f"Al vastgesteld: tag {result.tag}. Er is niets veranderd.")
        return
    if result.commit:
        typer.echo(f"status: vastgesteld, vastgelegd in commit {result.commit[:12]} (alleen "
                   f"{META_FILE}).")
    typer.echo(f"Vastgesteld: tag {result.tag}, ondertekend door alle "
               f"{len(result.status.parties)} partijen, elk met bewijs dat klopt.")
