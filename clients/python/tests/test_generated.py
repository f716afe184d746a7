"""The generated stubs are committed: they must be what generate.py makes of the protos now."""

import filecmp
import pathlib
import subprocess
import sys
import tempfile
import unittest

HERE = pathlib.Path(__file__).resolve().parent.parent


class GeneratedTest(unittest.TestCase):
    def test_the_committed_stubs_are_those_the_protos_generate(self):
        with tempfile.TemporaryDirectory() as scratch:
            subprocess.run([sys.executable, str(HERE / "generate.py"), "--out", scratch], check=True)
            fresh = pathlib.Path(scratch, "biobank_client")
            committed = HERE / "biobank_client"

            generated = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
            on_disk = sorted(p.relative_to(committed) for p in (committed / "_proto").rglob("*")
                             if p.is_file() and "__pycache__" not in p.parts) + [pathlib.Path("v1.py")]
            self.assertEqual(sorted(on_disk), generated, "files generated and committed differ: run generate.py")
            stale = [str(p) for p in generated if not filecmp.cmp(fresh / p, committed / p, shallow=False)]
            self.assertEqual(stale, [], "run clients/python/generate.py and commit its output")


if __name__ == "__main__":
    unittest.main()
