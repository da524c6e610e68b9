"""The GitHub workflows and pre-commit hook cannot run here: check that they parse and
that every command they run is a Makefile target whose generator commands the tests run."""

from __future__ import annotations

import csv
import re
import shlex
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
MAKEFILE = (REPO / "Makefile").read_text()
TESTS = "\n".join(p.read_text() for p in (REPO / "tests").glob("test_*.py"))


def make_targets() -> dict[str, list[str]]:
    """Each Makefile target and its recipe lines."""
    targets, current = {}, None
    for line in MAKEFILE.splitlines():
        match = re.match(r"^([a-z][a-z-]*):", line)
        if match:
            current = targets.setdefault(match[1], [])
        elif line.startswith("\t") and current is not None:
            current.append(line.strip())
    return targets


def generator_commands(target: str) -> set[str]:
    return set(re.findall(r"-m generator ([\w-]+)", "\n".join(make_targets()[target])))


def is_tested(command: str) -> bool:
    """A test runs this CLI command, in a subprocess or through cli.main."""
    return bool(re.search(rf'"generator", "{command}"|main\(\[\s*"{command}"|self\.run\("{command}"', TESTS))


def run_commands(workflow: dict) -> list[str]:
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    return [line.strip() for step in steps if "run" in step for line in step["run"].splitlines() if line.strip()]


def test_there_are_workflows_for_pull_requests_and_deploys():
    assert [p.name for p in WORKFLOWS] == ["deploy.yml", "provinces.yml", "pull-request.yml"]


def test_every_other_province_is_one_job_of_the_matrix():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "provinces.yml").read_text())
    assert workflow[True] == {"workflow_dispatch": None}  # by hand: the sites are examples, not published
    (job,) = workflow["jobs"].values()
    with open(REPO / "data" / "sumber" / "indonesia_desa.csv", encoding="utf-8") as table:
        provinces = sorted({row["kode_provinsi"] for row in csv.DictReader(table)} - {"31"})
    assert job["strategy"]["matrix"]["provinsi"] == provinces and len(provinces) == 37
    assert run_commands(workflow) == ["make province PROVINSI=${{ matrix.provinsi }}"]
    assert generator_commands("province") == {"import-regions", "build"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_command_is_a_tested_make_target(path):
    workflow = yaml.safe_load(path.read_text())
    commands = run_commands(workflow)
    assert commands
    for command in commands:
        without_output = command.split(" > ")[0]  # make diff ... > perubahan.md
        words = shlex.split(re.sub(r"\$\{\{[^}]*\}\}|\$\([^)]*\)", "X", without_output))
        assert words[0] == "make", command
        target = words[1]
        assert target in make_targets(), f"{command}: no Makefile target {target}"
        assert all(re.fullmatch(r"[A-Z_]+=\S+", w) for w in words[2:]), command
        for cli in generator_commands(target):
            assert is_tested(cli), f"make {target} runs `python -m generator {cli}`, which no test runs"


def test_pull_requests_check_build_test_and_summarise():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pull-request.yml").read_text())
    assert workflow[True] == {"pull_request": None}  # YAML 1.1 reads the key `on` as True
    commands = [c.split()[1] for c in run_commands(workflow)]
    assert commands == ["check", "site", "test", "diff"]


def test_deploy_on_push_daily_and_to_pages():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "deploy.yml").read_text())
    assert workflow[True]["push"] == {"branches": ["main"]}
    assert len(workflow[True]["schedule"]) == 1
    uses = [s.get("uses", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    build = run_commands(workflow)
    assert len(build) == 1 and "SITE_URL=" in build[0] and "REPO_URL=" in build[0]


def test_pre_commit_checks_the_data_files():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    (hook,) = config["repos"][0]["hooks"]
    assert hook["entry"] == "make check"
    assert re.match(hook["files"], "offices.yaml") and re.match(hook["files"], "services.yaml")
    assert not re.match(hook["files"], "README.md")
    assert generator_commands("check") == {"validate", "schemas"}
    assert is_tested("validate") and is_tested("schemas")
