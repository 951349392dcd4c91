"""lint/regions.py is botocore's current endpoint data, and nothing typed by hand."""

import importlib.util
from pathlib import Path

import botocore.session

from congregate_lint import regions
from congregate_lint.rules import c001_region

GENERATOR = Path(__file__).resolve().parent.parent / "tools" / "generate_regions.py"
REGENERATE = "botocore's endpoint data changed: run `python tools/generate_regions.py`"


def _generator():
    spec = importlib.util.spec_from_file_location("generate_regions", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_table_is_what_the_generator_writes_from_the_installed_botocore():
    generator = _generator()
    expected = generator.render(generator.load_endpoints())
    assert Path(regions.__file__).read_text(encoding="utf-8") == expected, REGENERATE


def test_codecommit_regions_equal_botocores_own_answer_for_every_partition():
    session = botocore.session.get_session()
    partitions = session.get_available_partitions()
    assert sorted(regions.DNS_SUFFIXES) == sorted(partitions), REGENERATE
    for partition in partitions:
        expected = sorted(session.get_available_regions("codecommit", partition_name=partition))
        table = sorted(name for name, info in regions.REGIONS.items()
                       if info.partition == partition and info.codecommit)
        assert table == expected, f"{partition}: {REGENERATE}"


def test_every_region_in_the_table_belongs_to_the_partition_botocore_gives_it():
    session = botocore.session.get_session()
    for name, info in regions.REGIONS.items():
        assert session.get_partition_for_region(name) == info.partition, name


def test_hand_kept_opt_in_regions_are_real_aws_regions():
    for name in c001_region.OPT_IN_REGIONS:
        assert name in regions.REGIONS and regions.REGIONS[name].partition == "aws", name
