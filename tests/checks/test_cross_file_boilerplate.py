"""The cross-file rule through the command line: real files in a folder, one run."""
import json

from helpers import check

from newslint.cli import main


def write_run(folder, count, chrome="Share this story on Facebook"):
    for n in range(count):
        (folder / f"{n:02}.txt").write_text(f"Story {n} headline\n\nParagraph {n} of the story.\n{chrome}\n",
                                            encoding="utf-8")


def lint(capsys, *args):
    code = main(["--format", "json", *map(str, args)])
    return code, json.loads(capsys.readouterr().out)["findings"]


def test_a_line_in_many_files_is_reported_in_each(tmp_path, capsys):
    write_run(tmp_path, 6)
    code, found = lint(capsys, "--select", "cross-file-boilerplate", tmp_path)
    assert code == 1
    assert [(f["path"][-6:], f["line"], f["column"], f["end_column"]) for f in found] == \
        [(f"{n:02}.txt", 4, 1, 29) for n in range(6)]
    assert found[0]["message"] == "line repeated in 6 of 6 files: 'Share this story on Facebook' is page chrome"


def test_thresholds_count_files_and_share(tmp_path, capsys):
    write_run(tmp_path, 4)
    assert lint(capsys, "--select", "cross-file-boilerplate", tmp_path)[1] == []
    for n in range(4, 30):  # 4 files of 30 share the line: under 20%
        (tmp_path / f"{n:02}.txt").write_text(f"Other story {n}.\n", encoding="utf-8")
    config = tmp_path / "c.yaml"
    config.write_text("rules:\n  cross-file-boilerplate: {min-files: 3}\n", encoding="utf-8")
    assert lint(capsys, "--select", "cross-file-boilerplate", "--config", config, tmp_path)[1] == []
    config.write_text("rules:\n  cross-file-boilerplate: {min-files: 3, min-share: 0.1}\n", encoding="utf-8")
    assert len(lint(capsys, "--select", "cross-file-boilerplate", "--config", config, tmp_path)[1]) == 4


def test_ignore_switches_it_off_and_a_single_text_has_nothing_to_compare(tmp_path, capsys):
    write_run(tmp_path, 6)
    _, found = lint(capsys, "--select", "boilerplate", "--ignore", "cross-file-boilerplate", tmp_path)
    assert not [f for f in found if f["rule"] == "cross-file-boilerplate"]
    assert check("Share this story on Facebook\n" * 6, "cross-file-boilerplate") == []


def test_lines_too_long_or_short_are_not_compared(tmp_path, capsys):
    write_run(tmp_path, 6, chrome="x" * 201)
    assert lint(capsys, "--select", "cross-file-boilerplate", tmp_path)[1] == []
