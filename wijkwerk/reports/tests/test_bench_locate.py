from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def test_the_benchmark_places_every_point_in_the_right_buurt():
    out = StringIO()
    call_command("bench_locate", points=20_000, buurten=400, stdout=out)
    text = out.getvalue()
    assert "points placed differently from the baseline: 0" in text
    assert "goal (< 10 s, no mismatches): met" in text


def test_the_benchmark_refuses_silly_sizes():
    with pytest.raises(CommandError):
        call_command("bench_locate", points=0)
