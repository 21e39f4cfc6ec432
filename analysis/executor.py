"""Where the heavy work of a run happens: in this process (the default) or on a Dask cluster.

``voices run --cluster ADDRESS`` (or ``executor: {kind: dask, address: ADDRESS}`` in
project.yaml) sends two jobs to a ``dask.distributed`` cluster, over partitions of the
anonymised segments: **embedding** (each text not yet in the store's cache) and **code
suggestion** (the rules and similarity suggesters). ``--cluster local:N`` starts a
``LocalCluster`` of N single-threaded worker processes on this machine. Partitions travel to the
workers as Parquet, and their results come back as Parquet; this process is the one writer that
merges them into the store, in partition order, so a cluster run writes what an in-process run
writes.

Privacy: reading the exports and anonymising their free text stay in this process, so raw text
never leaves it; only anonymised text (and vectors of it) goes to workers. Even so, a cluster
should run inside the same trust boundary as the project (the store's anonymised text is
still sensitive).

Workers need the toolkit and its models installed (the same environment); they load the spaCy
pipeline and the embedding model once per worker process. A transductive embedder (TF-IDF, the
``fast`` setting) embeds whole batches, so its work stays in this process.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import logging
import os
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol

import numpy as np
import pandas as pd

from survey.errors import ToolkitError

DEFAULT_PARTITION_SIZE = 2_000
_LOCAL = re.compile(r"^local:(\d+)$")
# Worker-side models, loaded once per worker process (keyed by their settings).
_WORKER_MODELS: dict[tuple, Any] = {}


class ExecutorError(ToolkitError):
    """A cluster address that cannot be used, or a cluster that could not be reached."""


class Executor(Protocol):
    """Runs a function over frame partitions and returns the results in partition order."""

    kind: str

    def runs_here(self, n_items: int) -> bool:
        """Whether a job of ``n_items`` runs in this process (so the run's own models serve)."""
        ...

    def imap(self, fn: Callable[..., Any], items: Sequence[Any], **kwargs: Any) -> Iterator[Any]:
        """``fn(item, **kwargs)`` per item, yielded in order."""
        ...

    def map_frames(self, fn: Callable[..., pd.DataFrame], frames: Sequence[pd.DataFrame],
                   **kwargs: Any) -> list[pd.DataFrame]:
        """``[fn(frame, **kwargs) for frame in frames]``, wherever the executor runs it."""
        ...

    def close(self) -> None:
        """Release what the executor started."""
        ...


class InProcessExecutor:
    """Everything runs here, one partition after another (``executor.workers: 1``)."""

    kind = "in-process"

    def runs_here(self, n_items: int) -> bool:  # noqa: ARG002
        """Whether a job of ``n_items`` runs in this process (with this run's own models)."""
        return True

    def imap(self, fn: Callable[..., Any], items: Sequence[Any], **kwargs: Any) -> Iterator[Any]:
        """``fn(item, **kwargs)`` for each item, in order, as each is done."""
        for item in items:
            yield fn(item, **kwargs)

    def map_frames(self, fn: Callable[..., pd.DataFrame], frames: Sequence[pd.DataFrame],
                   **kwargs: Any) -> list[pd.DataFrame]:
        """Apply ``fn`` to each frame in turn."""
        return [fn(f, **kwargs) for f in frames]

    def close(self) -> None:
        """Nothing to release."""


def _init_pool_worker() -> None:
    """A local worker process: one thread for each numeric library (the pool's processes share
    the cores), and Ctrl-C left to the parent, which stops the pool."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = "1"  # read by torch when a task first imports it
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)  # libraries already loaded (numpy's BLAS)
    except ImportError:  # pragma: no cover (a scikit-learn dependency)
        pass


def _trim_heap() -> None:
    """Give freed heap pages back to the system (glibc): without this a worker embedding
    partitions of varying text lengths grew by 60-110 MB per partition (measured: 659 MB
    loaded, 918 MB after three partitions; flat at 807 MB with a trim after each)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _run_in_worker(fn: Callable[..., Any], item: Any, kwargs: dict[str, Any]) -> Any:
    try:
        return fn(item, **kwargs)
    finally:
        _trim_heap()


class ProcessExecutor:
    """Jobs of two or more items run on a pool of local worker processes (the default where the
    machine has more than one core; ``executor.workers``); smaller jobs run here.

    Each worker has one thread and loads its models once (the spaCy pipeline, the embedding
    model, an anonymiser's settings). Results come back in order, with at most two items per
    worker in flight, so memory follows the pool, not the job. Items and results travel
    through the operating system's pipes between this process and its children on this
    machine: nothing is written to disk or sent over a network, so this pool (unlike a
    cluster) may be given raw text to anonymise.

    Args:
        workers: Worker processes (2 or more).
    """

    kind = "processes"

    def __init__(self, *, workers: int) -> None:
        if not isinstance(workers, int) or isinstance(workers, bool) or workers < 2:
            raise ValueError(f"workers must be an integer of 2 or more; got {workers!r}")
        self.workers = workers
        self._pool: Any = None

    def runs_here(self, n_items: int) -> bool:
        """Whether a job of ``n_items`` runs in this process (fewer than two items)."""
        return n_items < 2

    def _start(self) -> Any:
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn: a clean interpreter per worker (forking a process that has loaded torch
            # or spaCy's threads is unsafe)
            self._pool = ProcessPoolExecutor(max_workers=self.workers,
                                             mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_init_pool_worker)
        return self._pool

    def imap(self, fn: Callable[..., Any], items: Sequence[Any], **kwargs: Any) -> Iterator[Any]:
        """``fn(item, **kwargs)`` for each item, on the workers, yielded in order.

        Raises:
            ExecutorError: A worker process died (for example, killed for memory).
        """
        from collections import deque
        from concurrent.futures.process import BrokenProcessPool

        if self.runs_here(len(items)):
            for item in items:
                yield fn(item, **kwargs)
            return
        pool = self._start()
        pending: deque = deque()
        try:
            for item in items:
                pending.append(pool.submit(_run_in_worker, fn, item, kwargs))
                if len(pending) >= 2 * self.workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool:
            self.close()
            raise ExecutorError("a local worker process stopped unexpectedly (out of memory?); "
                                "set executor.workers: 1 in project.yaml to run in one "
                                "process") from None
        finally:
            for future in pending:
                future.cancel()

    def map_frames(self, fn: Callable[..., pd.DataFrame], frames: Sequence[pd.DataFrame],
                   **kwargs: Any) -> list[pd.DataFrame]:
        """``[fn(frame, **kwargs) for frame in frames]`` on the workers."""
        return list(self.imap(fn, frames, **kwargs))

    def close(self) -> None:
        """Stop the worker processes (queued items are cancelled)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskExecutor:
    """Partitions run as tasks on a ``dask.distributed`` cluster.

    Args:
        address: A scheduler address (``tcp://host:8786``) or ``local:N`` for a
            ``LocalCluster`` of N worker processes with one thread each.
    """

    kind = "dask"

    def runs_here(self, n_items: int) -> bool:  # noqa: ARG002
        """Every job runs on the cluster."""
        return False

    def imap(self, fn: Callable[..., pd.DataFrame], items: Sequence[pd.DataFrame],
             **kwargs: Any) -> Iterator[pd.DataFrame]:
        """:meth:`map_frames`, yielded in order."""
        yield from self.map_frames(fn, items, **kwargs)

    def __init__(self, *, address: str) -> None:
        self.address = address
        self._client: Any = None
        self._cluster: Any = None

    def start(self) -> DaskExecutor:
        """Start the local cluster or connect to the scheduler.

        Raises:
            ExecutorError: dask.distributed is not installed, the address is malformed, or the
                scheduler cannot be reached.
        """
        if self._client is not None:
            return self
        m = _LOCAL.match(self.address)
        if m and int(m.group(1)) < 1:
            raise ExecutorError(f"--cluster {self.address}: expected local:N with N >= 1")
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ExecutorError("a cluster run needs dask.distributed; install "
                                "'dask[distributed]' and pyarrow") from None
        try:
            if m:
                self._cluster = LocalCluster(n_workers=int(m.group(1)), threads_per_worker=1, processes=True,
                                             host="127.0.0.1", dashboard_address=None,
                                             silence_logs=logging.ERROR)
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.address, timeout="30s")
        except OSError as exc:
            self.close()
            raise ExecutorError(f"--cluster {self.address}: could not reach the scheduler "
                                f"({type(exc).__name__})") from None
        return self

    @property
    def n_workers(self) -> int:
        """Workers currently known to the scheduler."""
        self.start()
        return len(self._client.scheduler_info().get("workers", {}))

    def map_frames(self, fn: Callable[..., pd.DataFrame], frames: Sequence[pd.DataFrame],
                   **kwargs: Any) -> list[pd.DataFrame]:
        """Send each frame as Parquet, run ``fn`` on a worker, and read its Parquet result."""
        self.start()
        futures = [self._client.submit(_run_partition, fn, frame_to_parquet(f), kwargs,
                                       pure=False, key=f"voices-{fn.__name__}-{i}-{id(f)}")
                   for i, f in enumerate(frames)]
        return [frame_from_parquet(b) for b in self._client.gather(futures)]

    def close(self) -> None:
        """Disconnect, and stop a local cluster this executor started."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def make_executor(address: str | None) -> Executor:
    """The executor for a ``--cluster`` value (``None``: in-process).

    Raises:
        ExecutorError: The address is neither ``local:N`` nor a scheduler address.
    """
    if address is None or address in ("", "in-process"):
        return InProcessExecutor()
    address = str(address).strip()
    if address.startswith("local") and not _LOCAL.match(address):
        raise ExecutorError(f"--cluster {address}: expected local:N (N worker processes), e.g. "
                            "local:2, or a scheduler address such as tcp://host:8786")
    if not address.startswith("local:") and not re.match(r"^[a-z]+://[^\s]+$|^[\w.-]+:\d+$",
                                                         address):
        raise ExecutorError(f"--cluster {address}: expected local:N or a scheduler address such "
                            "as tcp://host:8786")
    return DaskExecutor(address=address)


# -- Parquet transport --------------------------------------------------------------------------
def frame_to_parquet(frame: pd.DataFrame) -> bytes:
    """A frame as Parquet bytes (the index is not kept)."""
    buf = io.BytesIO()
    frame.reset_index(drop=True).to_parquet(buf, index=False, engine="pyarrow")
    return buf.getvalue()


def frame_from_parquet(data: bytes) -> pd.DataFrame:
    """The frame written by :func:`frame_to_parquet`."""
    frame = pd.read_parquet(io.BytesIO(data), engine="pyarrow")
    # Parquet gives pandas' string dtype back; the store and writers expect plain objects.
    for c in frame.columns:
        if pd.api.types.is_string_dtype(frame[c]) and frame[c].dtype != object:
            frame[c] = frame[c].astype(object).where(frame[c].notna(), None)
    return frame


def _run_partition(fn: Callable[..., pd.DataFrame], data: bytes,
                   kwargs: dict[str, Any]) -> bytes:
    return frame_to_parquet(fn(frame_from_parquet(data), **kwargs))


def partitions(frame: pd.DataFrame, size: int = DEFAULT_PARTITION_SIZE) -> list[pd.DataFrame]:
    """Consecutive row blocks of at most ``size`` rows (none for an empty frame).

    Raises:
        ValueError: ``size`` is not a positive integer.
    """
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise ValueError(f"partition size must be a positive integer; got {size!r}")
    return [frame.iloc[i:i + size].reset_index(drop=True) for i in range(0, len(frame), size)]


# -- worker-side tasks --------------------------------------------------------------------------
def _worker_embedder(model_dir: str | None, seed: int, precision: str = "float32") -> Any:
    from analysis.embed import make_embedder

    key = ("embedder", model_dir, seed, precision)
    if key not in _WORKER_MODELS:
        _WORKER_MODELS[key] = make_embedder(model_dir=model_dir, seed=seed, precision=precision)
    return _WORKER_MODELS[key]


def _worker_nlp(name: str) -> Any:
    from survey.nlp import load_nlp

    key = ("nlp", name)
    if key not in _WORKER_MODELS:
        _WORKER_MODELS[key] = load_nlp(name)
    return _WORKER_MODELS[key]


def embed_partition(frame: pd.DataFrame, *, model_dir: str | None = None, seed: int = 13,
                    precision: str = "float32",
                    embedder: Any = None) -> pd.DataFrame:
    """Embed ``text`` (with ``embedder``, else the worker's model); returns ``text_hash``,
    ``dim``, ``vector`` (float32 bytes)."""
    embedder = embedder if embedder is not None else _worker_embedder(model_dir, seed, precision)
    vecs = embedder.encode(frame["text"].tolist())
    return pd.DataFrame({"text_hash": frame["text_hash"].tolist(),
                         "dim": [int(v.shape[0]) for v in vecs],
                         "vector": [np.asarray(v, dtype=np.float32).tobytes() for v in vecs]})


#: Vectors of texts that come with no partition (the codebook's definitions and examples),
#: kept per process by model for one suggestion run (``_OTHER_RUN``), so each is embedded once
#: per process, not once per partition. Never across runs: a vector depends on the texts
#: embedded with it, so another run's would make results depend on what this process did
#: before (measured: one suggestion more after an earlier run in the same process).
_OTHER_VECTORS: dict[str, dict[str, np.ndarray]] = {}
_OTHER_RUN = [""]
_RUNS = itertools.count(1)


def _other_vectors(run: str) -> dict[str, dict[str, np.ndarray]]:
    if _OTHER_RUN[0] != run:
        _OTHER_VECTORS.clear()
        _OTHER_RUN[0] = run
    return _OTHER_VECTORS


class _FrameCache:
    """The embeddings shipped inside a partition, read like the store's cache; texts not in
    the partition (the codebook's) are kept for the next partition in this process."""

    def __init__(self, vectors: dict[str, np.ndarray],
                 other: dict[str, dict[str, np.ndarray]]) -> None:
        self.vectors, self.other = vectors, other

    def get_many(self, model: str, hashes: list[str]) -> dict[str, np.ndarray]:
        other = self.other.get(model, {})
        return {h: v for h in hashes
                if (v := self.vectors.get(h, other.get(h))) is not None}

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        self.other.setdefault(model, {}).update(items)


def suggest_partition(frame: pd.DataFrame, *, codebook: Any, spacy_model: str = "",
                      model_dir: str | None = None, seed: int = 13, precision: str = "float32",
                      nlp: Any = None, embedder: Any = None, run: str = "") -> pd.DataFrame:
    """Rules and similarity suggestions for a partition of segments (``segment_id``, ``text``,
    ``text_hash``, ``dim``, ``vector``); the vectors come with it, so nothing is re-embedded
    but the codebook's own texts, once per ``run`` in each process. ``nlp`` and ``embedder``
    (in-process) replace the worker's models."""
    from analysis.embed import CachedEmbedder
    from analysis.suggest import suggest_codings

    vectors = {h: np.frombuffer(b, dtype=np.float32, count=int(d)).copy()
               for h, d, b in zip(frame["text_hash"], frame["dim"], frame["vector"],
                                  strict=True)}
    embedder = CachedEmbedder(embedder if embedder is not None
                              else _worker_embedder(model_dir, seed, precision),
                              _FrameCache(vectors, _other_vectors(run)))
    out = suggest_codings(frame[["segment_id", "text"]], codebook,
                          nlp=nlp if nlp is not None else _worker_nlp(spacy_model),
                          embedder=embedder)
    return out.astype({"confidence": "float64"})


# -- orchestration (this process: the one writer) ----------------------------------------------
def text_hash(text: str) -> str:
    """The cache key of a text (as :class:`analysis.embed.CachedEmbedder` computes it)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def embed_into_cache(executor: Executor, texts: Sequence[str], *, store: Any, model_name: str,
                     model_dir: str | None, seed: int, precision: str = "float32",
                     partition_size: int = DEFAULT_PARTITION_SIZE,
                     local_embedder: Any = None) -> int:
    """Embed every text the store's cache lacks on the executor and write the vectors to the
    store (one writer, partition by partition). Returns how many texts were embedded.

    The partitions are the same whatever the executor (unique missing texts in first-seen
    order, ``partition_size`` at a time), and a vector depends only on the texts embedded with
    it, so a cluster run's vectors equal an in-process run's bit for bit (measured: the thread
    count does not change them; the batch's other texts do, through padding). In-process,
    ``local_embedder`` (the run's own model) is used rather than loading a second one."""
    todo: dict[str, str] = {}
    for t in texts:
        todo.setdefault(text_hash(t), t)
    hashes = list(todo)
    for i in range(0, len(hashes), 5_000):
        for h in store.get_many(model_name, hashes[i:i + 5_000]):
            todo.pop(h, None)
    if not todo:
        return 0
    frame = pd.DataFrame({"text_hash": list(todo), "text": list(todo.values())})
    parts = partitions(frame, partition_size)
    where = ({"embedder": local_embedder} if executor.runs_here(len(parts))
             and local_embedder is not None else {"model_dir": model_dir, "seed": seed,
                                                  "precision": precision})
    for part in executor.imap(embed_partition, parts, **where):  # written as each comes back
        store.put_many(model_name, {h: np.frombuffer(b, dtype=np.float32, count=int(d))
                                    for h, d, b in zip(part["text_hash"], part["dim"],
                                                       part["vector"], strict=True)})
    return len(todo)


class _WithVectors:
    """Partitions of segments, each given its cached vectors only when it is taken (so only the
    partitions in flight hold vectors, not the whole corpus's)."""

    def __init__(self, parts: list[pd.DataFrame], store: Any, model_name: str) -> None:
        self.parts, self.store, self.model_name = parts, store, model_name

    def __len__(self) -> int:
        return len(self.parts)

    def __iter__(self) -> Iterator[pd.DataFrame]:
        for part in self.parts:
            hashes = [text_hash(t) for t in part["text"]]
            found = self.store.get_many(self.model_name, sorted(set(hashes)))
            yield part.assign(text_hash=hashes, dim=[int(found[h].shape[0]) for h in hashes],
                              vector=[found[h].tobytes() for h in hashes])


def suggest_on_executor(executor: Executor, segments: pd.DataFrame, codebook: Any, *,
                        store: Any, model_name: str, model_dir: str | None, seed: int,
                        precision: str = "float32",
                        spacy_model: str,
                        partition_size: int = DEFAULT_PARTITION_SIZE,
                        local_nlp: Any = None, local_embedder: Any = None) -> pd.DataFrame:
    """What :func:`analysis.suggest.suggest_codings` returns for ``segments`` (rules rows first,
    then similarity rows, each in segment order), computed over partitions, so memory grows
    with the partition, and once per distinct text. In-process, ``local_nlp`` and
    ``local_embedder`` (the run's own models) are used rather than loading second copies."""
    from survey.schema import CODING_COLUMNS

    texts = ["" if t is None else str(t) for t in segments["text"]]
    embed_into_cache(executor, texts, store=store, model_name=model_name, model_dir=model_dir,
                     seed=seed, precision=precision, partition_size=partition_size,
                     local_embedder=local_embedder)
    # A segment's suggestions depend on its text alone, so each distinct text is suggested for
    # once (under its first segment's id) and its rows are then given to every segment with it.
    first: dict[str, int] = {}
    group = [first.setdefault(t, i) for i, t in enumerate(texts)]
    ids = segments["segment_id"].tolist()
    unique = pd.DataFrame({"segment_id": [ids[i] for i in first.values()], "text": list(first)})
    parts = _WithVectors(partitions(unique, partition_size), store, model_name)
    models = ({"nlp": local_nlp, "embedder": local_embedder} if executor.runs_here(len(parts))
              else {})
    results = executor.map_frames(suggest_partition, parts, codebook=codebook,
                                  spacy_model=spacy_model, model_dir=model_dir, seed=seed,
                                  precision=precision, run=f"{os.getpid()}-{next(_RUNS)}",
                                  **{k: v for k, v in models.items() if v is not None})
    frames = [r for r in results if len(r)]
    if not frames:
        return pd.DataFrame(columns=list(CODING_COLUMNS))
    out = pd.concat(frames, ignore_index=True)
    out = out.assign(_r=out["source"].map({"rules": 0}).fillna(1))
    if len(first) < len(texts):  # repeated texts: every segment gets its text's rows
        position = {ids[i]: i for i in first.values()}
        seg = pd.DataFrame({"_g": group, "_p": np.arange(len(texts)), "_id": ids})
        out = out.assign(_g=out["segment_id"].map(position), _w=np.arange(len(out)))
        out = out.merge(seg, on="_g").assign(segment_id=lambda f: f["_id"])
        out = out.sort_values(["_r", "_p", "_w"], kind="stable")
    else:
        out = out.sort_values("_r", kind="stable")
    return out[list(CODING_COLUMNS)].reset_index(drop=True)
