"""kg.engine: results in the order given, whatever order they finish in, on every engine."""

import gc
import multiprocessing
import time

import pytest

import kg
import kg.stages
from kg.cli import main
from kg.engine import CHUNK_CHARS, LAST_CHUNK_CHARS, WORK_THRESHOLDS, EngineError, Runner, chunks, collecting_less
from kg.ruleset import RulesError
from kg.stages import Settings, extract_document


def slow_first(delay: float, value: int) -> int:
    """`value`, after `delay` seconds: the early items finish last."""
    time.sleep(delay)
    return value * value


def work(n: int) -> tuple[list[tuple], list[int]]:
    items = [((n - i) * 0.03, i) for i in range(n)]
    return items, [1] * n


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_process_pool_results_come_back_in_order(jobs):
    items, sizes = work(12)
    with Runner(jobs) as runner:
        assert list(runner.map(slow_first, (), items, sizes)) == [i * i for i in range(12)]


def test_dask_results_come_back_in_order(dask_scheduler):
    items, sizes = work(8)
    with Runner(engine="dask", scheduler=dask_scheduler) as runner:
        assert list(runner.map(slow_first, (), items, sizes)) == [i * i for i in range(8)]


def test_chunks_keep_order_and_share_out_the_work():
    items = [(i,) for i in range(100)]
    parts = list(chunks(iter(items), [10_000] * 100, workers=2))
    assert [item for part in parts for item in part] == items
    assert len(parts) >= 8  # enough to share between two workers
    assert list(chunks(iter([("a",)]), [5], workers=4)) == [[("a",)]]


def test_chunks_shrink_as_the_work_runs_out():
    sizes = [1_000] * 5_000  # five million characters
    parts = [len(part) * 1_000 for part in chunks(iter([(i,) for i in range(5_000)]), sizes, workers=2)]
    assert sum(parts) == sum(sizes)
    assert parts[0] == CHUNK_CHARS and max(parts) == CHUNK_CHARS
    assert parts == sorted(parts, reverse=True)
    assert parts[-5:-1] == [LAST_CHUNK_CHARS] * 4 and parts[-1] <= LAST_CHUNK_CHARS  # a tenth of the first


def test_engine_options_are_checked(tmp_path, capsys):
    with pytest.raises(EngineError):
        Runner(jobs=0)
    with pytest.raises(EngineError):
        Runner(engine="spark")
    assert main(["build", "--scheduler", "tcp://127.0.0.1:1", "-o", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == "error: a scheduler needs the dask engine (--engine dask)\n"
    with pytest.raises(SystemExit):
        main(["build", "--jobs", "0"])


def test_an_unreachable_scheduler_is_one_error(tmp_path, capsys, monkeypatch):
    import dask
    import distributed  # noqa: F401  (its configuration defaults, read below, come with it)

    monkeypatch.setitem(dask.config.config, "distributed", {**dask.config.get("distributed"), "comm": {**dask.config.get("distributed.comm"), "timeouts": {"connect": "1s", "tcp": "1s"}}})
    assert main(["build", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patched extractor reaches workers only through fork")
def test_a_document_failing_in_a_worker_is_skipped(tmp_path, monkeypatch):
    real = kg.stages.extract

    def flaky(documents, nlp):
        if documents[0].name == "bad.txt":
            raise RuntimeError("boom")
        return real(documents, nlp)

    monkeypatch.setattr(kg.stages, "extract", flaky)
    (tmp_path / "bad.txt").write_text("杨立昆", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Geoffrey Hinton", encoding="utf-8")
    G, report = kg.build_corpus([tmp_path], jobs=2)
    assert report.documents == ["good.txt"] and report.skipped == 1
    assert report.warnings == [f"{tmp_path / 'bad.txt'}: skipped: RuntimeError: boom"]
    assert list(G) == ["person:geoffrey-hinton"]


def test_a_document_failing_after_the_corpus_step_is_skipped(tmp_path, monkeypatch):
    real = kg.stages.relate

    def flaky(mentions, texts, rules):
        if "bad.txt" in texts:
            raise RuntimeError("boom")
        return real(mentions, texts, rules)

    monkeypatch.setattr(kg.stages, "relate", flaky)
    for name in ("a.txt", "bad.txt", "c.txt"):
        (tmp_path / name).write_text("Geoffrey Hinton 加入了谷歌。", encoding="utf-8")
    G, report = kg.build_corpus([tmp_path], jobs=2)
    assert report.documents == ["a.txt", "c.txt"] and report.skipped == 1
    assert report.warnings == [f"{tmp_path / 'bad.txt'}: skipped: RuntimeError: boom"]
    assert G.nodes["person:geoffrey-hinton"]["docs"] == "a.txt|c.txt"


def test_a_worker_with_other_rules_stops_the_build():
    # What a Dask worker with another kg or other rules would compute is never merged.
    with pytest.raises(RulesError, match="differ from the caller's"):
        extract_document(Settings((), "auto", "0" * 64), "a.txt", "Geoffrey Hinton")


def test_a_build_gives_the_garbage_collector_back_as_it_was(tmp_path):
    (tmp_path / "doc.txt").write_text("Yann LeCun joined Bell Labs in 1988.", encoding="utf-8")
    before = gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()
    with pytest.raises(RuntimeError), collecting_less():
        assert gc.get_threshold() == WORK_THRESHOLDS
        raise RuntimeError("the block fails")
    assert gc.get_threshold() == before[0]
    G = kg.build(tmp_path)
    assert G.has_edge("person:yann-lecun", "org:bell-labs", "WORKED_AT")
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == before
