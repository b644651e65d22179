"""The registry of rules: every code rechtmakers can report, listed in one place."""

from __future__ import annotations

from rechtmakers.checks import (
    annexes,
    completeness,
    coverage,
    domain,
    hidden,
    identity,
    legal,
    markdown,
    placeholders,
    references,
    signoffs,
)
from rechtmakers.checks.base import Check, Context, Rule, error, warning
from rechtmakers.checks.language import LANGUAGE_RULES
from rechtmakers.checks.source import LOAD_RULES, SCHEMA_RULES
from rechtmakers.checks.versions import agreement_version_raised, article_version_raised

RULES: dict[str, Rule] = {
    **LOAD_RULES,
    **SCHEMA_RULES,
    "I001": error("I001", "artikel-id-is-bestandsnaam", "Het id van een artikel is gelijk aan "
                  "de bestandsnaam.", identity.article_id_matches_file),
    "I002": error("I002", "overeenkomst-id-is-mapnaam", "Het id van de overeenkomst is gelijk "
                  "aan de mapnaam.", identity.agreement_id_matches_folder),
    "I003": error("I003", "kenmerken-uniek", "Kenmerken van partijen, artikelen, bijlagen, "
                  "leden en begrippen zijn uniek.", identity.unique_ids),
    "R001": error("R001", "artikel-bestaat", "Elk artikel in de lijst heeft een bestand.",
                  references.listed_articles_exist),
    "R002": error("R002", "artikel-in-lijst", "Elk artikelbestand staat in de lijst.",
                  references.article_files_listed),
    "R003": error("R003", "verwijzing-artikel", "[[artikel]] noemt een bestaand artikel of "
                  "een bestaande bijlage.",
                  references.article_references),
    "R004": error("R004", "verwijzing-lid", "[[artikel.lid]] noemt een bestaand lid.",
                  references.member_references),
    "R005": error("R005", "verwijzing-partij", "@partij noemt een bestaande partij.",
                  references.party_references),
    "R006": error("R006", "penvoerder-is-partij", "De penvoerder is een partij.",
                  references.lead_is_party),
    "R007": error("R007", "verwijzing-vorm", "Een verwijzing heeft de vorm [[artikel]], "
                  "[[artikel.lid]] of @partij.", references.malformed_references),
    "B001": error("B001", "bijlage-bestaat", "Elke bijlage in de lijst heeft een bestand in "
                  "bijlagen/.", annexes.listed_annexes_exist),
    "B002": error("B002", "bijlage-veilig", "Een bijlage is een gewoon bestand in bijlagen/ "
                  "van hooguit 1 MB.", annexes.annexes_safe),
    "B003": error("B003", "bijlage-markdown-tekst", "Een Markdown-bijlage is UTF-8-tekst.",
                  annexes.markdown_annexes_are_text),
    "B004": warning("B004", "bijlage-in-lijst", "Elk bestand in bijlagen/ staat in de lijst.",
                    annexes.annex_files_listed),
    "P001": warning("P001", "partij-rechtspersoon", "Elke partij noemt rechtsvorm, KvK-nummer "
                    "en vestigingsplaats.", legal.parties_are_legal_persons),
    "P002": error("P002", "kvk-uniek", "Twee partijen hebben niet hetzelfde KvK-nummer.",
                  legal.kvk_unique),
    "P003": warning("P003", "vertegenwoordiging-grondslag", "Wie niet volgens de wet of de "
                    "statuten tekent, noemt de grondslag (mandaat of volmacht).",
                    legal.representation_basis),
    "P004": warning("P004", "grondslag-volledig", "Een mandaat of volmacht zegt door wie; door "
                    "en besluit staan alleen bij een mandaat of volmacht.", legal.basis_complete),
    "O001": warning("O001", "ingangsdatum", "De overeenkomst zegt op welke dag zij ingaat.",
                    legal.effective_date_given),
    "O002": error("O002", "einddatum-na-ingangsdatum", "De einddatum ligt na de ingangsdatum.",
                  legal.end_after_start),
    "C001": error("C001", "verplichte-onderwerpen", "Partijen, besluitvorming, conflictdialoog "
                  "en inwonerperspectief hebben elk een artikel.", coverage.required_topics),
    "C002": warning("C002", "onderwerpen-bij-ondertekening", "Een overeenkomst die getekend "
                    "wordt, heeft artikelen over geld, looptijd, privacy, aansprakelijkheid en "
                    "geschillen.", completeness.signing_topics),
    "D001": error("D001", "blok-bij-onderwerp", "Een domeinartikel heeft zijn blok.",
                  domain.block_required),
    "D002": error("D002", "blok-past-bij-onderwerp", "Een blok staat bij het juiste onderwerp.",
                  domain.block_matches_topic),
    "D003": error("D003", "conflictdialoog-stappen", "De conflictdialoog heeft ten minste twee "
                  "stappen.", domain.dialogue_steps),
    "D004": error("D004", "termijn-is-duur", "De termijn van een stap is een duur.",
                  domain.step_duration),
    "D005": error("D005", "waarborg-aanwezig", "Het inwonerperspectief heeft een concrete "
                  "waarborg.", domain.safeguards_present),
    "D006": error("D006", "gedrag-beide-kanten", "Gedrag noemt wat helpt en wat niet helpt.",
                  domain.conduct_lists),
    "D007": error("D007", "instappen-concreet", "Instappen zegt wat het concreet betekent.",
                  domain.joining_meaning),
    "H001": error("H001", "geen-stuurtekens", "Een tekst bevat geen stuurtekens.",
                  hidden.control_characters),
    "H002": error("H002", "geen-onzichtbare-tekens", "Een tekst bevat geen tekens die de "
                  "leesrichting omdraaien of onzichtbaar zijn.", hidden.hidden_characters),
    "H003": warning("H003", "geen-gemengd-schrift", "Een woord mengt geen Latijnse letters met "
                    "Cyrillische of Griekse.", hidden.mixed_scripts),
    "M001": error("M001", "geen-codeblok-door-inspringen", "Een alinea springt niet vier "
                  "spaties of meer in.", markdown.indented_code),
    "M002": error("M002", "geen-setext-kop", "Een regel met alleen --- of === staat niet "
                  "direct onder tekst.", markdown.setext_heading),
    "M003": error("M003", "geen-html", "Een tekst bevat geen HTML.", markdown.raw_html),
    "M004": error("M004", "geen-linkdefinitie", "Een tekst bevat geen Markdown-linkdefinitie "
                  "[naam]: adres.", markdown.reference_definition),
    "H004": warning("H004", "onzichtbaar-teken-nodig", "Een onzichtbaar teken staat alleen "
                    "waar een woord het nodig heeft.", hidden.needed_invisible),
    "N001": warning("N001", "nog-invullen", "Er staat geen invulplek [nog invullen] meer.",
                    placeholders.unfilled),
    "G001": error("G001", "vastgesteld-is-getekend", "Een vastgestelde overeenkomst is door "
                  "elke partij getekend (in git).", signoffs.sealed_means_signed),
    **LANGUAGE_RULES,
    "V001": warning("V001", "artikelversie-verhoogd", "Artikel gewijzigd, versie niet verhoogd "
                    "(met --since).", article_version_raised),
    "V002": warning("V002", "overeenkomstversie-verhoogd", "Overeenkomst gewijzigd, versie niet "
                    "verhoogd (met --since).", agreement_version_raised),
}

__all__ = ["RULES", "Check", "Context", "Rule", "error", "warning"]
