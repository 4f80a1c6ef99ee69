#!/usr/bin/env python3
"""Reference values for the situation picture's statistics -> surveillance_cases.json.

Run (from the repository root, in a throwaway virtual environment):

    python3 -m venv /tmp/venv-num
    /tmp/venv-num/bin/pip install numpy scipy pandas
    /tmp/venv-num/bin/python tests/reference/surveillance_reference.py

Deterministic (fixed seed); numbers at full precision. Method as ../shared/METHODS.md
("Situation picture") fixes it:
- baseline counts y_1..y_m: mu = mean, phi = max(1, sum((y - mean)^2) / mean / (m - 1)), phi = 1
  when the mean is 0;
- Y ~ nbinom(n = mu / (phi - 1), p = 1 / phi) (scipy's parametrisation: mean mu, variance
  phi * mu), poisson(mu) when phi = 1;
- p_high = P(Y >= y) = sf(y - 1) (1 at y = 0), p_low = P(Y <= y) = cdf(y);
- the 99 % band: ppf(0.005), ppf(0.995).

Where phi is within 1e-6 of 1 (the negative binomial's n = mu/(phi - 1) is huge) scipy's
nbinom (Boost's incomplete beta) itself drifts from the exact value by up to ~1e-8 relative
(at phi = 1 + 1e-8, mu = 3: P(Y = 0) = exp(-(mu/eps) ln(1 + eps)) = 0.04978706911472, scipy
0.04978706927930). Those cases ("near_one") are computed exactly with mpmath at 50 digits
(the sum of the probabilities), and the Rust code is held to those.
"""

import json
import random
import sys
from pathlib import Path

import mpmath
import numpy as np
import scipy
from scipy.stats import nbinom, poisson

OUT = Path(__file__).with_name("surveillance_cases.json")


def model(mu, phi):
    if phi <= 1.0:
        return poisson(mu)
    return nbinom(mu / (phi - 1.0), 1.0 / phi)


def tail_case(y, mu, phi):
    d = model(mu, phi)
    p_high = 1.0 if y == 0 else float(d.sf(y - 1))
    return {
        "y": y,
        "mean": mu,
        "dispersion": phi,
        "p_high": p_high,
        "p_low": float(d.cdf(y)),
        "q005": int(d.ppf(0.005)),
        "q995": int(d.ppf(0.995)),
    }


def exact_tail_case(y, mu, phi):
    """p_high, p_low by mpmath: exact sums of the negative binomial's probabilities."""
    mpmath.mp.dps = 50
    mu_, phi_ = mpmath.mpf(mu), mpmath.mpf(phi)
    r = mu_ / (phi_ - 1)
    lnp, lnq = -mpmath.log(phi_), mpmath.log((phi_ - 1) / phi_)

    def pmf(k):
        return mpmath.exp(mpmath.loggamma(r + k) - mpmath.loggamma(r) - mpmath.loggamma(k + 1) + r * lnp + k * lnq)

    cdf = mpmath.fsum(pmf(k) for k in range(y + 1))
    sf = mpmath.mpf(1) if y == 0 else 1 - mpmath.fsum(pmf(k) for k in range(y))
    d = model(mu, phi)
    return {
        "y": y,
        "mean": mu,
        "dispersion": phi,
        "p_high": float(sf),
        "p_low": float(cdf),
        "q005": int(d.ppf(0.005)),
        "q995": int(d.ppf(0.995)),
    }


def baseline_case(counts):
    y = np.array(counts, dtype=float)
    mu = float(y.mean())
    if mu == 0.0 or len(y) < 2:
        phi = 1.0
    else:
        phi = max(1.0, float(((y - mu) ** 2).sum() / mu / (len(y) - 1)))
    return {"counts": counts, "mean": mu, "dispersion": phi}


def main():
    rng = random.Random(20261206)
    tails = []
    for mu in [0.3, 1.0, 2.5, 4.0, 7.3, 12.0, 30.0, 75.5, 200.0]:
        for phi in [1.0, 1.05, 1.3, 2.0, 4.7, 12.0]:
            d = model(mu, phi)
            far = int(d.isf(1e-12))
            ys = {0, 1, 2, 3, int(mu), int(mu) + 1, int(d.ppf(0.995)) + 1, far, max(0, int(d.ppf(1e-6)))}
            for y in sorted(ys):
                tails.append(tail_case(y, mu, phi))
    # Dispersion a hair above 1 (floating-point noise in a baseline's variance): the negative
    # binomial's n is huge and the distribution is Poisson to within (phi - 1) * y^2.
    for mu in [0.1666, 3.0, 40.0]:
        for eps in [2.2e-16, 1e-13, 1e-10, 1e-8, 1e-6, 1e-4]:
            d = model(mu, 1.0 + eps)
            for y in sorted({0, 1, 2, 5, int(mu) + 3, int(d.isf(1e-9))}):
                tails.append(exact_tail_case(y, mu, 1.0 + eps))
    while len(tails) < 900:
        mu = rng.choice([rng.uniform(0.05, 5), rng.uniform(5, 60), rng.uniform(60, 500)])
        phi = rng.choice([1.0, rng.uniform(1.0, 2.0), rng.uniform(2.0, 15.0)])
        d = model(mu, phi)
        y = int(d.ppf(rng.uniform(0.0001, 0.9999)))
        tails.append(tail_case(y, mu, phi))
    baselines = [baseline_case([0, 0, 0]), baseline_case([5, 5, 5]), baseline_case([4, 6, 5, 9, 1, 5])]
    while len(baselines) < 200:
        m = rng.choice([3, 4, 5, 6, 9, 12, 15])
        lam = rng.uniform(0.2, 80)
        if rng.random() < 0.5:
            counts = [int(v) for v in np.random.default_rng(rng.randrange(2**32)).poisson(lam, m)]
        else:
            n = rng.uniform(0.5, 10)
            counts = [int(v) for v in np.random.default_rng(rng.randrange(2**32)).negative_binomial(n, n / (n + lam), m)]
        baselines.append(baseline_case(counts))
    OUT.write_text(
        json.dumps(
            {
                "generator": f"surveillance_reference.py; Python {sys.version.split()[0]}, "
                f"NumPy {np.__version__}, SciPy {scipy.__version__}",
                "tails": tails,
                "baselines": baselines,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"{OUT}: {len(tails)} tail cases, {len(baselines)} baselines")


if __name__ == "__main__":
    main()
