"""The segment, suggest and topics stages: each reads the anonymised answers from the store and
writes its results back (segments, machine suggestions, topics)."""

from __future__ import annotations

import json

import pandas as pd

from analysis.project import RunContext
from analysis.segment import codable


def segment(ctx: RunContext) -> dict[str, int]:
    """Split anonymised answers into codable segments."""
    from analysis.segment import segment_answers
    from survey.nlp import load_nlp

    answers = codable(ctx.store.read_answers())
    segments = segment_answers(answers, nlp=load_nlp(ctx.config.spacy_model))
    ctx.store.replace_segments(segments)
    return {"segments": len(segments)}


def _embedder(ctx: RunContext):  # noqa: ANN202
    from analysis.embed import CachedEmbedder, make_embedder

    tp = ctx.config.topics
    return CachedEmbedder(make_embedder(fast=tp.fast, model_dir=tp.embedding_model,
                                        seed=ctx.config.seed,
                                        precision=tp.embedding_precision), ctx.store)


def suggest(ctx: RunContext) -> dict[str, int]:
    """Machine code suggestions for every segment (a person accepts or rejects them later)."""
    from analysis.coding_io import ORDER_META
    from analysis.executor import InProcessExecutor
    from analysis.suggest import ensemble_suggestions, suggest_codings
    from survey.nlp import load_nlp

    segments = ctx.store.read_segments()
    cb = ctx.codebook
    embedder = _embedder(ctx)
    existing = ctx.store.read_codings()
    n_parts = -(-len(segments) // ctx.config.executor.partition_size)
    # spaCy is loaded here only when this process needs it: the partitions run here, or the
    # ensemble trains on people's codes (workers load their own; memory)
    nlp = (load_nlp(ctx.config.spacy_model) if embedder.transductive
           or (ctx.executor or InProcessExecutor()).runs_here(n_parts)
           or bool((existing["source"] == "human").any()) else None)
    codings = (_suggest_in_partitions(ctx, segments, nlp, embedder)
               if not embedder.transductive
               else suggest_codings(segments, cb, nlp=nlp, embedder=embedder))
    run = ensemble_suggestions(segments, existing, cb, nlp=nlp,
                               embedder=embedder, seed=ctx.config.seed)
    if run is not None:  # the store has accepted human codes to learn from
        codings = pd.concat([codings, run.codings], ignore_index=True)
        ctx.store.set_meta(ORDER_META, json.dumps(run.order))  # "code these next" order
        ctx.notes.append(f"Ensemble suggestions trained on {run.trained_on} human-coded "
                         "segment(s); per-code thresholds by 3-fold cross-validation.")
    ctx.store.replace_suggestions(codings)
    return {"suggestions": len(codings)}


def topics(ctx: RunContext) -> dict[str, int]:
    """Emergent themes: a topic model over the anonymised answers, mapped to the codebook."""
    from analysis.report.emergent_outputs import write_emergent_outputs
    from analysis.report.stage import report_data
    from analysis.topics import TopicModel, answer_codes, is_non_answer, map_topics_to_codes

    if not ctx.config.topics.enabled:
        return {"topics": 0}
    answers = codable(ctx.store.read_answers())
    embedder = _embedder(ctx)
    _embed_in_partitions(ctx, [str(t) for t in answers["text"] if not is_non_answer(t)],
                         embedder)  # the texts TopicModel.fit embeds, in the same order
    model = TopicModel(embedder=embedder, seed=ctx.config.seed, n_topics=ctx.config.topics.n_topics)
    result = model.fit(answers["text"].tolist(), answers["answer_id"].tolist())
    coded = answer_codes(ctx.store.read_codings(), ctx.store.read_segments())
    result = map_topics_to_codes(result, ctx.codebook, embedder=embedder, coded=coded)
    ctx.store.replace_topics(result.topics, result.assignments, result.coords)
    ctx.notes.extend(result.warnings)
    ctx.notes.append(f"Topic model: {result.n_non_answers} non-answers (such as 'n/a') set aside; "
                     f"{len(result.topics)} topics" + (" (fallback clusterer)" if
                                                       result.fallback_used else ""))
    if "report" not in ctx.stages:  # `voices topics` alone: update the workbook's sheet now
        write_emergent_outputs(report_data(ctx), ctx.out_dir)
    return {"topics": len(result.topics)}


# -- partitions, in-process or on a cluster ----------------------------------------------------
def _cluster_settings(ctx: RunContext, embedder) -> dict:  # noqa: ANN001
    model_dir = ctx.config.topics.embedding_model
    return {"model_name": embedder.name, "model_dir": str(model_dir) if model_dir else None,
            "seed": ctx.config.seed, "partition_size": ctx.config.executor.partition_size,
            # resolved here, so workers on other machines compute what this one would
            "precision": getattr(embedder.embedder, "precision", "float32")}


def _embed_in_partitions(ctx: RunContext, texts: list[str], embedder) -> None:  # noqa: ANN001
    """Fill the store's embedding cache partition by partition (on the cluster when the run has
    one): memory grows with the partition, not the corpus, and a cluster run's vectors equal an
    in-process run's bit for bit. A transductive embedder is left to embed whole batches."""
    from analysis.executor import InProcessExecutor, embed_into_cache

    if embedder.transductive:
        return
    embed_into_cache(ctx.executor or InProcessExecutor(), texts, store=ctx.store,
                     local_embedder=embedder.embedder, **_cluster_settings(ctx, embedder))


def _suggest_in_partitions(ctx: RunContext, segments: pd.DataFrame, nlp,  # noqa: ANN001
                           embedder) -> pd.DataFrame:  # noqa: ANN001
    """Rules and similarity suggestions partition by partition: on the cluster when the run has
    one, else here with the run's own models; the same rows as one call over every segment."""
    from analysis.executor import InProcessExecutor, suggest_on_executor

    return suggest_on_executor(ctx.executor or InProcessExecutor(), segments, ctx.codebook,
                               store=ctx.store, spacy_model=ctx.config.spacy_model,
                               local_nlp=nlp, local_embedder=embedder.embedder,
                               **_cluster_settings(ctx, embedder))

