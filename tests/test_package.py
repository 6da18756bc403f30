"""Package-level behaviour: importing course_lib keeps numpy's BLAS single-threaded."""

import os
import subprocess
import sys

CODE = ("import course_lib, threadpoolctl; "
        "print(max(i['num_threads'] for i in threadpoolctl.threadpool_info() "
        "if i['user_api'] == 'blas'))")


def _blas_threads(**env_overrides) -> int:
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
    env.update(env_overrides)
    out = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def test_import_limits_blas_to_one_thread():
    assert _blas_threads() == 1


def test_an_explicit_thread_setting_is_respected():
    assert _blas_threads(OPENBLAS_NUM_THREADS="2") == 2
