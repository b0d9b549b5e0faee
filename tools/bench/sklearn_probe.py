#!/usr/bin/python3
"""The Python side of the probe-fit benchmark: DAFT's linear probe with scikit-learn, as
tools/fixtures/make_probe_fixtures.py does it: features normalised by one scalar mean and std of the train features,
LogisticRegression(max_iter=200, warm_start=True) fitted for each C in logspace(-7, 2, 50) in turn, C picked by
validation accuracy (first best). Train and validation accuracy are scored for every C, as Daft records both.

    /usr/bin/python3 tools/bench/sklearn_probe.py TRAIN_X.npy TRAIN_Y.npy VAL_X.npy VAL_Y.npy

Prints one JSON line: seconds of the sweep (fits and scoring), best C and its validation accuracy.
"""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression


def main():
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter=200 stops large-C fits early, as in DAFT
    x_train, y_train, x_val, y_val = (np.load(p) for p in sys.argv[1:])
    mean, std = np.mean(x_train), np.std(x_train)
    train, val = (x_train - mean) / std, (x_val - mean) / std
    started = time.perf_counter()
    clf = LogisticRegression(max_iter=200, warm_start=True)
    best_c, best_accuracy = None, -1.0
    for c in np.logspace(-7, 2, 50):
        clf.set_params(C=c)
        clf.fit(train, y_train)
        clf.score(train, y_train)  # Daft records the train accuracy of every C too
        accuracy = clf.score(val, y_val)
        if accuracy > best_accuracy:
            best_c, best_accuracy = float(c), float(accuracy)
    print(json.dumps({"seconds": time.perf_counter() - started, "best_c": best_c, "best_val_accuracy": best_accuracy}))


if __name__ == "__main__":
    main()
