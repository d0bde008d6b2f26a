from __future__ import annotations

from country_stance.examples import Recipe, build_examples, counterfactual_swaps


def test_examples_mark_every_mention_of_the_target(sample_article) -> None:
    [denmark] = [e for e in build_examples(sample_article, Recipe()) if e.iso3 == "DNK"]
    assert denmark.country == "Denmark"
    assert denmark.label == "conditional"
    assert denmark.text.startswith(
        "@ Denmark @'s Foreign Minister @ Lars Løkke Rasmussen @ stated that if a scenario arose"
    )
    assert "@ Denmark @ would, in principle, be prepared to contribute." in denmark.text
    assert denmark.text.count("@") == 6  # three mentions, two markers each; other countries unmarked
    assert "Polish President Andrzej Duda remarked" in denmark.text  # the following sentence, unmarked
    [(start, end)] = denmark.evidence
    assert sample_article.text[start:end].startswith("Denmark's Foreign Minister")


def test_one_example_per_country_in_order_of_first_mention(sample_article) -> None:
    examples = build_examples(sample_article, Recipe(max_length=4096))
    assert [e.iso3 for e in examples] == ["UKR", "FRA", "RUS", "GBR", "DEU", "ITA", "POL", "USA", "DNK"]
    assert {e.iso3: e.label for e in examples} == sample_article.gold()


def test_long_contexts_become_chunks_of_whole_sentences(sample_article) -> None:
    long = [e for e in build_examples(sample_article, Recipe(max_length=64)) if e.iso3 == "UKR"]
    whole = [e for e in build_examples(sample_article, Recipe(max_length=4096)) if e.iso3 == "UKR"]
    assert len(whole) == 1 and len(long) > 3
    assert [e.chunk for e in long] == list(range(len(long)))
    # No mention is lost: the chunks together mark as many Ukraine mentions as the single long example.
    assert sum(e.text.count("@ ") for e in long) == whole[0].text.count("@ ")


def test_recipe_round_trips(tmp_path) -> None:
    recipe = Recipe(marker="#", following_sentences=2, max_length=128)
    recipe.save(tmp_path)
    assert Recipe.load(tmp_path) == recipe


def test_counterfactual_swap_renames_the_target(sample_article) -> None:
    swap = {"POL": "ESP"}
    [poland] = [e for e in build_examples(sample_article, Recipe(), swap=swap) if e.iso3 == "POL"]
    assert poland.country == "Spain"
    assert poland.label == "nato_framework"
    assert "and @ Spain @—along with" in poland.text
    assert "@ Spanish @ President @ Andrzej Duda @ remarked" in poland.text  # demonym for demonym; person kept
    assert "Poland" not in poland.text and "Polish" not in poland.text


def test_counterfactual_stand_ins_are_other_countries(sample_article) -> None:
    swaps = counterfactual_swaps([sample_article], seed=1)
    assert swaps == {sample_article.id: {}}  # a single article has no other country to borrow
