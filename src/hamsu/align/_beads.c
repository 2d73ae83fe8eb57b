/* The banded bead search of hamsu.align.search.best_path, compiled; and the counting the lexical
 * scores rest on (lexical.py's local counts and pair scores, search.py's anchors), further down.
 * Each function gives exactly what the Python beside it gives (tests/test_search_core.py,
 * tests/test_pair_scores_core.py), which runs where this file could not be built.
 *
 * The same dynamic programme as the Python in search.py, step for step: the same nodes, the same
 * shapes in the same order, the same floating-point operations in the same order (no contraction
 * into fused multiply-adds: setup.py builds with -ffp-contract=off), so both give the same path,
 * bit for bit. search.py prepares every array; this file only runs the loops.
 *
 * fill(n, m, lo, hi, fa_chars, en_chars, fa_break, en_break, priors, ratio, lw, mw, cross,
 *      mismatch, use_mismatch, poff, pstart, plen, pairs) -> bytes
 *
 *   lo, hi, fa_chars, en_chars: int64 arrays of n + 1 (m + 1 for en_chars) entries
 *   fa_break, en_break: bytes, n + 1 and m + 1 entries
 *   priors: 8 doubles, the log priors of SHAPES in order (-inf for a shape not allowed)
 *   poff, pstart, plen: int64 arrays of n entries; pairs: doubles. The lexical scores of Persian
 *     sentence i with English sentences poff[i] .. poff[i] + plen[i] - 1 are
 *     pairs[pstart[i]] .. pairs[pstart[i] + plen[i] - 1].
 *
 * Returns the shape index (into SHAPES) of every bead of the best path, first bead first.
 * Raises ValueError when no path crosses the band, IndexError when a pair score is missing.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PAD 3
static const int SHAPE_A[8] = {1, 1, 0, 2, 1, 2, 3, 1};
static const int SHAPE_B[8] = {1, 0, 1, 1, 2, 2, 1, 3};

typedef struct {
    const double *pairs;
    const int64_t *poff, *pstart, *plen;
    int bad;
} Pairs;

/* The lexical score of Persian sentence i with English sentence j. */
static inline double pair(Pairs *p, Py_ssize_t i, int64_t j) {
    int64_t k = j - p->poff[i];
    if (k < 0 || k >= p->plen[i]) {
        p->bad = 1;
        return 0.0;
    }
    return p->pairs[p->pstart[i] + k];
}

static int need(Py_buffer *b, Py_ssize_t items, Py_ssize_t size, const char *what) {
    if (b->len != items * size) {
        PyErr_Format(PyExc_ValueError, "%s: %zd bytes, expected %zd", what, b->len, items * size);
        return 0;
    }
    return 1;
}

static PyObject *fill(PyObject *self, PyObject *args) {
    Py_ssize_t n, m;
    Py_buffer blo, bhi, bfc, bec, bfbr, bebr, bpri, bpoff, bpstart, bplen, bpairs;
    double c, lw, mw, cross, mismatch;
    int use_mismatch;
    if (!PyArg_ParseTuple(args, "nny*y*y*y*y*y*y*dddddpy*y*y*y*", &n, &m, &blo, &bhi, &bfc, &bec, &bfbr, &bebr,
                          &bpri, &c, &lw, &mw, &cross, &mismatch, &use_mismatch, &bpoff, &bpstart, &bplen, &bpairs))
        return NULL;
    Py_buffer *all[] = {&blo, &bhi, &bfc, &bec, &bfbr, &bebr, &bpri, &bpoff, &bpstart, &bplen, &bpairs};
    PyObject *result = NULL;
    double *score = NULL;
    unsigned char *back = NULL;
    int64_t *start = NULL, *off = NULL;
    unsigned char *path = NULL;

    if (!(need(&blo, n + 1, 8, "lo") && need(&bhi, n + 1, 8, "hi") && need(&bfc, n + 1, 8, "fa_chars") &&
          need(&bec, m + 1, 8, "en_chars") && need(&bfbr, n + 1, 1, "fa_break") && need(&bebr, m + 1, 1, "en_break") &&
          need(&bpri, 8, 8, "priors") && need(&bpoff, n, 8, "poff") && need(&bpstart, n, 8, "pstart") &&
          need(&bplen, n, 8, "plen")))
        goto done;
    const int64_t *lo = blo.buf, *hi = bhi.buf, *fc = bfc.buf, *ec = bec.buf;
    const unsigned char *fbr = bfbr.buf, *ebr = bebr.buf;
    const double *pri = bpri.buf;
    Pairs P = {bpairs.buf, bpoff.buf, bpstart.buf, bplen.buf, 0};
    const double p11 = pri[0], p10 = pri[1], p01 = pri[2], p21 = pri[3], p12 = pri[4], p22 = pri[5], p31 = pri[6],
                 p13 = pri[7];
    const double NEG = -INFINITY;

    /* Row i holds columns off[i] .. hi[min(n, i + 3)], padded with NEG, as in search.py. */
    start = malloc(sizeof(int64_t) * (n + 2));
    off = malloc(sizeof(int64_t) * (n + 1));
    if (!start || !off) {
        PyErr_NoMemory();
        goto done;
    }
    start[0] = 0;
    for (Py_ssize_t i = 0; i <= n; i++) {
        off[i] = lo[i] - PAD;
        Py_ssize_t top = i + 3 < n ? i + 3 : n;
        int64_t width = hi[top] - off[i] + 1;
        if (width < 1 || lo[i] < 0 || hi[i] > m || lo[i] > hi[i]) {
            PyErr_SetString(PyExc_ValueError, "not a band");
            goto done;
        }
        start[i + 1] = start[i] + width;
    }
    score = malloc(sizeof(double) * start[n + 1]);
    back = calloc(start[n + 1], 1);
    if (!score || !back) {
        PyErr_NoMemory();
        goto done;
    }
    for (int64_t k = 0; k < start[n + 1]; k++) score[k] = NEG;

    Py_BEGIN_ALLOW_THREADS
    const double *r1 = NULL, *r2 = NULL, *r3 = NULL;
    int64_t o1 = 0, o2 = 0, o3 = 0;
    double f1 = 0, f2 = 0, f3 = 0, x2 = 0, x3 = 0;
    for (Py_ssize_t i = 0; i <= n && !P.bad; i++) {
        double *row = score + start[i];
        unsigned char *brow = back + start[i];
        int64_t o = off[i];
        if (i >= 1) {
            r1 = score + start[i - 1], o1 = off[i - 1];
            f1 = (double)(fc[i] - fc[i - 1]);
        }
        if (i >= 2) {
            r2 = score + start[i - 2], o2 = off[i - 2];
            f2 = (double)(fc[i] - fc[i - 2]);
            x2 = fbr[i - 1] ? cross : 0.0;
        }
        if (i >= 3) {
            r3 = score + start[i - 3], o3 = off[i - 3];
            f3 = (double)(fc[i] - fc[i - 3]);
            x3 = (fbr[i - 1] || fbr[i - 2]) ? cross : 0.0;
        }
        for (int64_t j = lo[i]; j <= hi[i]; j++) {
            if (i == 0 && j == 0) {
                row[j - o] = 0.0;
                continue;
            }
            double best = NEG, v, d, t;
            int arg = 0;
            double e1 = 0, e2 = 0, e3 = 0, y2 = 0, y3 = 0;
            if (j) {
                v = row[j - 1 - o];
                if (v > NEG) { /* 0-1 */
                    best = v + p01;
                    arg = 2;
                }
                e1 = (double)(ec[j] - ec[j - 1]);
            }
            if (i) {
                v = r1[j - o1];
                if (v > NEG && v + p10 > best) { /* 1-0 */
                    best = v + p10;
                    arg = 1;
                }
            }
            if (!(i && j)) {
                row[j - o] = best;
                brow[j - o] = (unsigned char)arg;
                continue;
            }
            if (j >= 2) {
                e2 = (double)(ec[j] - ec[j - 2]);
                y2 = ebr[j - 1] ? cross : 0.0;
            }
            if (j >= 3) {
                e3 = (double)(ec[j] - ec[j - 3]);
                y3 = (ebr[j - 1] || ebr[j - 2]) ? cross : 0.0;
            }
            double a1 = pair(&P, i - 1, j - 1);
            v = r1[j - 1 - o1];
            if (v > NEG) { /* 1-1 */
                d = f1 - c * e1;
                t = f1 / c + e1;
                v += p11 + mw * a1;
                if (t > 0) v -= lw * d * d / t;
                if (use_mismatch && fbr[i - 1] != ebr[j - 1]) v -= mismatch;
                if (v > best) best = v, arg = 0;
            }
            if (i >= 2) {
                double a2 = pair(&P, i - 2, j - 1);
                v = r2[j - 1 - o2];
                if (v > NEG && p21 > NEG) { /* 2-1 */
                    d = f2 - c * e1;
                    t = f2 / c + e1;
                    v += p21 + mw * (a1 + a2) - x2;
                    if (t > 0) v -= lw * d * d / t;
                    if (use_mismatch && fbr[i - 2] != ebr[j - 1]) v -= mismatch;
                    if (v > best) best = v, arg = 3;
                }
                if (j >= 2) {
                    v = r2[j - 2 - o2];
                    if (v > NEG && p22 > NEG) { /* 2-2 */
                        d = f2 - c * e2;
                        t = f2 / c + e2;
                        double lex = a1 + a2 + pair(&P, i - 1, j - 2) + pair(&P, i - 2, j - 2);
                        v += p22 + mw * lex - x2 - y2;
                        if (t > 0) v -= lw * d * d / t;
                        if (use_mismatch && fbr[i - 2] != ebr[j - 2]) v -= mismatch;
                        if (v > best) best = v, arg = 5;
                    }
                }
                if (i >= 3) {
                    v = r3[j - 1 - o3];
                    if (v > NEG && p31 > NEG) { /* 3-1 */
                        d = f3 - c * e1;
                        t = f3 / c + e1;
                        v += p31 + mw * (a1 + a2 + pair(&P, i - 3, j - 1)) - x3;
                        if (t > 0) v -= lw * d * d / t;
                        if (use_mismatch && fbr[i - 3] != ebr[j - 1]) v -= mismatch;
                        if (v > best) best = v, arg = 6;
                    }
                }
            }
            if (j >= 2) {
                double b2 = pair(&P, i - 1, j - 2);
                v = r1[j - 2 - o1];
                if (v > NEG && p12 > NEG) { /* 1-2 */
                    d = f1 - c * e2;
                    t = f1 / c + e2;
                    v += p12 + mw * (a1 + b2) - y2;
                    if (t > 0) v -= lw * d * d / t;
                    if (use_mismatch && fbr[i - 1] != ebr[j - 2]) v -= mismatch;
                    if (v > best) best = v, arg = 4;
                }
                if (j >= 3) {
                    v = r1[j - 3 - o1];
                    if (v > NEG && p13 > NEG) { /* 1-3 */
                        d = f1 - c * e3;
                        t = f1 / c + e3;
                        v += p13 + mw * (a1 + b2 + pair(&P, i - 1, j - 3)) - y3;
                        if (t > 0) v -= lw * d * d / t;
                        if (use_mismatch && fbr[i - 1] != ebr[j - 3]) v -= mismatch;
                        if (v > best) best = v, arg = 7;
                    }
                }
            }
            row[j - o] = best;
            brow[j - o] = (unsigned char)arg;
        }
    }
    Py_END_ALLOW_THREADS

    if (P.bad) {
        PyErr_SetString(PyExc_IndexError, "a bead needs a pair score outside the scored range");
        goto done;
    }
    if (score[start[n] + (m - off[n])] == NEG) {
        PyErr_SetString(PyExc_ValueError, "no path through the band");
        goto done;
    }
    path = malloc(n + m + 1);
    if (!path) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t count = 0;
    int64_t i = n, j = m;
    while (i || j) {
        unsigned char s = back[start[i] + (j - off[i])];
        path[count++] = s;
        i -= SHAPE_A[s];
        j -= SHAPE_B[s];
    }
    for (Py_ssize_t k = 0; k < count / 2; k++) {
        unsigned char tmp = path[k];
        path[k] = path[count - 1 - k];
        path[count - 1 - k] = tmp;
    }
    result = PyBytes_FromStringAndSize((const char *)path, count);

done:
    for (size_t k = 0; k < sizeof(all) / sizeof(all[0]); k++) PyBuffer_Release(all[k]);
    free(score);
    free(back);
    free(start);
    free(off);
    free(path);
    return result;
}

/* pair_row(keys, counts, en_keys, en_local, lo, out): the lexical scores of one Persian sentence
 * with English sentences lo .. lo + len(out) - 1, written into `out` (doubles), as
 * hamsu.align.lexical.PairScores computes them in Python:
 *
 *   keys: the Persian sentence's keys (a set or frozenset); counts: its local counts (dict key -> int)
 *   en_keys: list of the English sentences' keys (tuples of distinct keys, or sets)
 *   en_local: list of their local counts (dicts)
 *
 * For each English sentence, the shared keys' weights 1 / (count_fa · count_en) (a missing count
 * is 1) are sorted in increasing order and added one by one from 0.0: the same doubles, added in
 * the same order, as the Python's sorted() and loop. */
static int weight(PyObject *counts, PyObject *key, long long *value) {
    PyObject *v = PyDict_GetItemWithError(counts, key);
    if (v == NULL) {
        if (PyErr_Occurred()) return 0;
        *value = 1;
        return 1;
    }
    *value = PyLong_AsLongLong(v);
    return !(*value == -1 && PyErr_Occurred());
}

static PyObject *pair_row(PyObject *self, PyObject *args) {
    PyObject *keys, *counts, *en_keys, *en_local;
    Py_ssize_t lo;
    Py_buffer out;
    if (!PyArg_ParseTuple(args, "OO!O!O!nw*", &keys, &PyDict_Type, &counts, &PyList_Type, &en_keys, &PyList_Type,
                          &en_local, &lo, &out))
        return NULL;
    double *row = out.buf;
    Py_ssize_t width = out.len / (Py_ssize_t)sizeof(double);
    double small[64], *values = small;
    Py_ssize_t capacity = 64;
    PyObject *result = NULL;
    if (!PyAnySet_Check(keys)) {
        PyErr_SetString(PyExc_TypeError, "pair_row: the Persian keys must be a set");
        goto done;
    }
    if (out.len % (Py_ssize_t)sizeof(double) || lo < 0 || lo + width > PyList_GET_SIZE(en_keys) ||
        PyList_GET_SIZE(en_local) != PyList_GET_SIZE(en_keys)) {
        PyErr_SetString(PyExc_ValueError, "pair_row: the row lies outside the English sentences");
        goto done;
    }
    for (Py_ssize_t k = 0; k < width; k++) {
        PyObject *other_keys = PyList_GET_ITEM(en_keys, lo + k);
        PyObject *other = PyList_GET_ITEM(en_local, lo + k);
        if (!PyDict_Check(other)) {
            PyErr_SetString(PyExc_TypeError, "pair_row: local counts must be dicts");
            goto done;
        }
        /* The English keys as an array of borrowed references: a tuple's own, or a list made
         * from a set. */
        PyObject *seq = PySequence_Fast(other_keys, "pair_row: English keys must be a tuple or a set");
        if (seq == NULL) goto done;
        PyObject **items = PySequence_Fast_ITEMS(seq);
        Py_ssize_t count = PySequence_Fast_GET_SIZE(seq), shared = 0;
        int empty_counts = PyDict_GET_SIZE(counts) == 0 && PyDict_GET_SIZE(other) == 0;
        for (Py_ssize_t e = 0; e < count; e++) {
            PyObject *key = items[e];
            int found = PySet_Contains(keys, key);
            long long a = 1, b = 1;
            if (found == 1 && !empty_counts && !(weight(counts, key, &a) && weight(other, key, &b))) found = -1;
            if (found < 0) {
                Py_DECREF(seq);
                goto done;
            }
            if (!found) continue;
            if (shared == capacity) {
                double *grown = malloc(sizeof(double) * capacity * 2);
                if (grown == NULL) {
                    Py_DECREF(seq);
                    PyErr_NoMemory();
                    goto done;
                }
                memcpy(grown, values, sizeof(double) * shared);
                if (values != small) free(values);
                values = grown;
                capacity *= 2;
            }
            values[shared++] = 1.0 / (double)(a * b);
        }
        Py_DECREF(seq);
        for (Py_ssize_t x = 1; x < shared; x++) { /* insertion sort: a handful of values */
            double v = values[x];
            Py_ssize_t y = x;
            for (; y > 0 && values[y - 1] > v; y--) values[y] = values[y - 1];
            values[y] = v;
        }
        double total = 0.0;
        for (Py_ssize_t x = 0; x < shared; x++) total += values[x];
        row[k] = total;
    }
    Py_INCREF(Py_None);
    result = Py_None;
done:
    if (values != small) free(values);
    PyBuffer_Release(&out);
    return result;
}

/* local_counts(sentences, window, wanted) -> list of dicts, as hamsu.align.lexical.local_counts:
 * for each sentence (a set or tuple of distinct keys), its keys in `wanted` that occur in more than
 * one sentence within `window` of it, with the number of such sentences. Keys are numbered in the
 * order they are first met, so every dict is filled in the order the Python fills it. */
typedef struct {
    Py_ssize_t key, sentence;
} Place;

static PyObject *local_counts(PyObject *self, PyObject *args) {
    PyObject *sentences, *wanted;
    Py_ssize_t window;
    if (!PyArg_ParseTuple(args, "O!nO", &PyList_Type, &sentences, &window, &wanted)) return NULL;
    if (!PyAnySet_Check(wanted)) {
        PyErr_SetString(PyExc_TypeError, "local_counts: wanted must be a set");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(sentences), used = 0, capacity = 1024;
    PyObject *numbers = PyDict_New(), *keys = PyList_New(0), *out = PyList_New(n), *result = NULL;
    Place *places = malloc(sizeof(Place) * capacity);
    Py_ssize_t *first = NULL, *order = NULL;
    if (!numbers || !keys || !out || !places) {
        if (!places) PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *counts = PyDict_New();
        if (!counts) goto done;
        PyList_SET_ITEM(out, i, counts);
        PyObject *iter = PyObject_GetIter(PyList_GET_ITEM(sentences, i)), *key;
        if (!iter) goto done;
        while ((key = PyIter_Next(iter)) != NULL) {
            int found = PySet_Contains(wanted, key);
            Py_ssize_t number = -1;
            if (found == 1) {
                PyObject *known = PyDict_GetItemWithError(numbers, key);
                if (known) {
                    number = PyLong_AsSsize_t(known);
                } else if (!PyErr_Occurred()) {
                    number = PyList_GET_SIZE(keys);
                    PyObject *value = PyLong_FromSsize_t(number);
                    if (!value || PyDict_SetItem(numbers, key, value) < 0 || PyList_Append(keys, key) < 0) number = -1;
                    Py_XDECREF(value);
                }
                if (number < 0) found = -1;
            }
            Py_DECREF(key);
            if (found == 1 && used == capacity) {
                Place *grown = realloc(places, sizeof(Place) * capacity * 2);
                if (!grown) {
                    PyErr_NoMemory();
                    found = -1;
                } else {
                    places = grown;
                    capacity *= 2;
                }
            }
            if (found < 0) {
                Py_DECREF(iter);
                goto done;
            }
            if (found) places[used++] = (Place){number, i};
        }
        Py_DECREF(iter);
        if (PyErr_Occurred()) goto done;
    }
    /* Each key's sentences, in increasing order: a counting sort of the places by key (stable, and
     * the places come in sentence order). */
    Py_ssize_t k = PyList_GET_SIZE(keys);
    first = calloc(k + 1, sizeof(Py_ssize_t));
    order = malloc(sizeof(Py_ssize_t) * (used ? used : 1));
    if (!first || !order) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t p = 0; p < used; p++) first[places[p].key + 1]++;
    for (Py_ssize_t x = 0; x < k; x++) first[x + 1] += first[x];
    {
        Py_ssize_t *next = malloc(sizeof(Py_ssize_t) * (k ? k : 1));
        if (!next) {
            PyErr_NoMemory();
            goto done;
        }
        memcpy(next, first, sizeof(Py_ssize_t) * k);
        for (Py_ssize_t p = 0; p < used; p++) order[next[places[p].key]++] = places[p].sentence;
        free(next);
    }
    for (Py_ssize_t x = 0; x < k; x++) {
        Py_ssize_t *at = order + first[x], end = first[x + 1] - first[x];
        if (end < 2) continue;
        PyObject *key = PyList_GET_ITEM(keys, x);
        Py_ssize_t lo = 0, hi = 0; /* at[lo:hi] is the window around the current sentence */
        for (Py_ssize_t p = 0; p < end; p++) {
            Py_ssize_t i = at[p];
            while (at[lo] < i - window) lo++;
            while (hi < end && at[hi] <= i + window) hi++;
            if (hi - lo > 1) {
                PyObject *count = PyLong_FromSsize_t(hi - lo);
                if (!count || PyDict_SetItem(PyList_GET_ITEM(out, i), key, count) < 0) {
                    Py_XDECREF(count);
                    goto done;
                }
                Py_DECREF(count);
            }
        }
    }
    result = out;
    out = NULL;
done:
    Py_XDECREF(numbers);
    Py_XDECREF(keys);
    Py_XDECREF(out);
    free(places);
    free(first);
    free(order);
    return result;
}

/* pair_rows(fa_keys, fa_local, en_keys, en_local, start, length, out): pair_row for every Persian
 * sentence i at once, English sentences start[i] .. start[i] + length[i] - 1, the rows end to end
 * in `out`. The English keys are indexed first (each key's sentences, in order, with their local
 * counts), so a row looks up its own keys' sentences in range instead of testing every English
 * key of every sentence of the range. The weights of each pair are sorted and added from 0.0 as
 * pair_row adds them: the same doubles. */
typedef struct {
    Py_ssize_t sentence;
    long long count;
} Posting;

typedef struct {
    Py_ssize_t column;
    double weight;
} Hit;

static int by_column_then_weight(const void *a, const void *b) {
    const Hit *x = a, *y = b;
    if (x->column != y->column) return x->column < y->column ? -1 : 1;
    return (x->weight > y->weight) - (x->weight < y->weight);
}

static PyObject *pair_rows(PyObject *self, PyObject *args) {
    PyObject *fa_keys, *fa_local, *en_keys, *en_local;
    Py_buffer bstart, blength, bout;
    if (!PyArg_ParseTuple(args, "O!O!O!O!y*y*w*", &PyList_Type, &fa_keys, &PyList_Type, &fa_local, &PyList_Type,
                          &en_keys, &PyList_Type, &en_local, &bstart, &blength, &bout))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(fa_keys), m = PyList_GET_SIZE(en_keys);
    PyObject *numbers = NULL, *result = NULL;
    Place *places = NULL;
    Posting *postings = NULL;
    Py_ssize_t *first = NULL;
    Hit *hits = NULL;
    Py_ssize_t used = 0, capacity = 1024, hit_capacity = 256;
    const int64_t *start = bstart.buf, *length = blength.buf;
    double *out = bout.buf;
    if (PyList_GET_SIZE(fa_local) != n || PyList_GET_SIZE(en_local) != m || bstart.len != n * 8 || blength.len != n * 8) {
        PyErr_SetString(PyExc_ValueError, "pair_rows: lists and rows of different lengths");
        goto done;
    }
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (start[i] < 0 || length[i] < 0 || start[i] + length[i] > m) {
            PyErr_SetString(PyExc_ValueError, "pair_rows: a row lies outside the English sentences");
            goto done;
        }
        total += length[i];
    }
    if (bout.len != total * (Py_ssize_t)sizeof(double)) {
        PyErr_SetString(PyExc_ValueError, "pair_rows: the output does not hold the rows");
        goto done;
    }
    /* The English keys, numbered as first met; a place for each (key, sentence, count). */
    numbers = PyDict_New();
    places = malloc(sizeof(Place) * capacity);
    postings = NULL;
    if (!numbers || !places) {
        if (!places) PyErr_NoMemory();
        goto done;
    }
    long long *place_counts = malloc(sizeof(long long) * capacity);
    if (!place_counts) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t keys_seen = 0;
    for (Py_ssize_t j = 0; j < m; j++) {
        PyObject *local = PyList_GET_ITEM(en_local, j);
        if (!PyDict_Check(local)) {
            PyErr_SetString(PyExc_TypeError, "pair_rows: local counts must be dicts");
            free(place_counts);
            goto done;
        }
        PyObject *seq = PySequence_Fast(PyList_GET_ITEM(en_keys, j), "pair_rows: English keys must be a tuple or a set");
        if (!seq) {
            free(place_counts);
            goto done;
        }
        PyObject **items = PySequence_Fast_ITEMS(seq);
        for (Py_ssize_t e = 0; e < PySequence_Fast_GET_SIZE(seq); e++) {
            PyObject *key = items[e], *known = PyDict_GetItemWithError(numbers, key);
            Py_ssize_t number;
            long long count = 1;
            if (known) {
                number = PyLong_AsSsize_t(known);
            } else {
                PyObject *value = PyErr_Occurred() ? NULL : PyLong_FromSsize_t(keys_seen);
                if (!value || PyDict_SetItem(numbers, key, value) < 0) {
                    Py_XDECREF(value);
                    Py_DECREF(seq);
                    free(place_counts);
                    goto done;
                }
                Py_DECREF(value);
                number = keys_seen++;
            }
            if (PyDict_GET_SIZE(local) && !weight(local, key, &count)) {
                Py_DECREF(seq);
                free(place_counts);
                goto done;
            }
            if (used == capacity) {
                Place *grown = realloc(places, sizeof(Place) * capacity * 2);
                long long *grown_counts = grown ? realloc(place_counts, sizeof(long long) * capacity * 2) : NULL;
                if (grown) places = grown;
                if (!grown || !grown_counts) {
                    Py_DECREF(seq);
                    free(place_counts);
                    PyErr_NoMemory();
                    goto done;
                }
                place_counts = grown_counts;
                capacity *= 2;
            }
            places[used] = (Place){number, j};
            place_counts[used++] = count;
        }
        Py_DECREF(seq);
    }
    /* Each key's postings, sentences in increasing order (a counting sort; places come in order). */
    first = calloc(keys_seen + 1, sizeof(Py_ssize_t));
    postings = malloc(sizeof(Posting) * (used ? used : 1));
    Py_ssize_t *next = malloc(sizeof(Py_ssize_t) * (keys_seen ? keys_seen : 1));
    if (!first || !postings || !next) {
        free(next);
        free(place_counts);
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t p = 0; p < used; p++) first[places[p].key + 1]++;
    for (Py_ssize_t x = 0; x < keys_seen; x++) first[x + 1] += first[x];
    memcpy(next, first, sizeof(Py_ssize_t) * keys_seen);
    for (Py_ssize_t p = 0; p < used; p++) postings[next[places[p].key]++] = (Posting){places[p].sentence, place_counts[p]};
    free(next);
    free(place_counts);
    free(places); /* the postings hold it all now: a long document's rows are scored in less memory */
    places = NULL;

    hits = malloc(sizeof(Hit) * hit_capacity);
    if (!hits) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t offset = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t lo = start[i], width = length[i], found = 0;
        double *row = out + offset;
        offset += width;
        for (Py_ssize_t k = 0; k < width; k++) row[k] = 0.0;
        if (!width) continue;
        PyObject *keys = PyList_GET_ITEM(fa_keys, i), *counts = PyList_GET_ITEM(fa_local, i);
        if (!PyAnySet_Check(keys) || !PyDict_Check(counts)) {
            PyErr_SetString(PyExc_TypeError, "pair_rows: Persian keys must be sets, their counts dicts");
            goto done;
        }
        PyObject *seq = PySequence_Fast(keys, "pair_rows: Persian keys");
        if (!seq) goto done;
        PyObject **items = PySequence_Fast_ITEMS(seq);
        for (Py_ssize_t e = 0; e < PySequence_Fast_GET_SIZE(seq); e++) {
            PyObject *key = items[e], *known = PyDict_GetItemWithError(numbers, key);
            if (!known) {
                if (PyErr_Occurred()) {
                    Py_DECREF(seq);
                    goto done;
                }
                continue;
            }
            Py_ssize_t number = PyLong_AsSsize_t(known), a = first[number], b = first[number + 1];
            while (a < b) { /* the first posting at or after lo */
                Py_ssize_t mid = (a + b) / 2;
                if (postings[mid].sentence < lo) a = mid + 1;
                else b = mid;
            }
            long long count = 1;
            int counted = 0;
            Py_ssize_t last_sentence = -1;
            for (Py_ssize_t p = a; p < first[number + 1] && postings[p].sentence < lo + width; p++) {
                if (postings[p].sentence == last_sentence) continue; /* a key listed twice counts once */
                last_sentence = postings[p].sentence;
                if (!counted) {
                    if (PyDict_GET_SIZE(counts) && !weight(counts, key, &count)) {
                        Py_DECREF(seq);
                        goto done;
                    }
                    counted = 1;
                }
                if (found == hit_capacity) {
                    Hit *grown = realloc(hits, sizeof(Hit) * hit_capacity * 2);
                    if (!grown) {
                        Py_DECREF(seq);
                        PyErr_NoMemory();
                        goto done;
                    }
                    hits = grown;
                    hit_capacity *= 2;
                }
                hits[found++] = (Hit){postings[p].sentence - lo, 1.0 / (double)(count * postings[p].count)};
            }
        }
        Py_DECREF(seq);
        qsort(hits, found, sizeof(Hit), by_column_then_weight);
        for (Py_ssize_t h = 0; h < found; h++) row[hits[h].column] += hits[h].weight;
    }
    Py_INCREF(Py_None);
    result = Py_None;
done:
    Py_XDECREF(numbers);
    free(places);
    free(postings);
    free(first);
    free(hits);
    PyBuffer_Release(&bstart);
    PyBuffer_Release(&blength);
    PyBuffer_Release(&bout);
    return result;
}

/* anchor_pairs(fa_keys, en_keys, max_df, excluded) -> [(i, j, shared), ...] sorted by (i, j): for
 * every pair of a Persian and an English sentence, how many keys they share among the keys found in
 * at most max_df sentences of each side (and not in `excluded`), as hamsu.align.search.anchors
 * counts them; pairs sharing none are left out. */
typedef struct {
    Py_ssize_t i, j;
} Pair;

static int by_pair(const void *a, const void *b) {
    const Pair *x = a, *y = b;
    if (x->i != y->i) return x->i < y->i ? -1 : 1;
    return (x->j > y->j) - (x->j < y->j);
}

/* Number the keys of `sentences` (adding new ones to `numbers` when `add`), and list each key's
 * sentences in order: first[key] .. first[key + 1] index `order`. Returns 0 on an error. */
static int postings(PyObject *sentences, PyObject *numbers, int add, Py_ssize_t *keys_seen, Py_ssize_t **first,
                    Py_ssize_t **order) {
    Py_ssize_t n = PyList_GET_SIZE(sentences), used = 0, capacity = 1024;
    Place *places = malloc(sizeof(Place) * capacity);
    if (!places) {
        PyErr_NoMemory();
        return 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *seq = PySequence_Fast(PyList_GET_ITEM(sentences, i), "anchor_pairs: keys must be a tuple or a set");
        if (!seq) goto fail;
        PyObject **items = PySequence_Fast_ITEMS(seq);
        for (Py_ssize_t e = 0; e < PySequence_Fast_GET_SIZE(seq); e++) {
            PyObject *known = PyDict_GetItemWithError(numbers, items[e]);
            Py_ssize_t number;
            if (known) {
                number = PyLong_AsSsize_t(known);
            } else if (PyErr_Occurred()) {
                Py_DECREF(seq);
                goto fail;
            } else if (!add) {
                continue;
            } else {
                PyObject *value = PyLong_FromSsize_t(*keys_seen);
                if (!value || PyDict_SetItem(numbers, items[e], value) < 0) {
                    Py_XDECREF(value);
                    Py_DECREF(seq);
                    goto fail;
                }
                Py_DECREF(value);
                number = (*keys_seen)++;
            }
            if (used == capacity) {
                Place *grown = realloc(places, sizeof(Place) * capacity * 2);
                if (!grown) {
                    Py_DECREF(seq);
                    PyErr_NoMemory();
                    goto fail;
                }
                places = grown;
                capacity *= 2;
            }
            places[used++] = (Place){number, i};
        }
        Py_DECREF(seq);
    }
    Py_ssize_t k = *keys_seen;
    *first = calloc(k + 1, sizeof(Py_ssize_t));
    *order = malloc(sizeof(Py_ssize_t) * (used ? used : 1));
    Py_ssize_t *next = malloc(sizeof(Py_ssize_t) * (k ? k : 1));
    if (!*first || !*order || !next) {
        free(next);
        PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t p = 0; p < used; p++) (*first)[places[p].key + 1]++;
    for (Py_ssize_t x = 0; x < k; x++) (*first)[x + 1] += (*first)[x];
    memcpy(next, *first, sizeof(Py_ssize_t) * k);
    for (Py_ssize_t p = 0; p < used; p++) (*order)[next[places[p].key]++] = places[p].sentence;
    free(next);
    free(places);
    return 1;
fail:
    free(places);
    return 0;
}

static PyObject *anchor_pairs(PyObject *self, PyObject *args) {
    PyObject *fa_keys, *en_keys, *excluded;
    Py_ssize_t max_df;
    if (!PyArg_ParseTuple(args, "O!O!nO", &PyList_Type, &fa_keys, &PyList_Type, &en_keys, &max_df, &excluded))
        return NULL;
    if (!PyAnySet_Check(excluded)) {
        PyErr_SetString(PyExc_TypeError, "anchor_pairs: excluded must be a set");
        return NULL;
    }
    PyObject *numbers = PyDict_New(), *result = NULL, *keys = NULL;
    Py_ssize_t keys_seen = 0, *fa_first = NULL, *fa_order = NULL, *en_first = NULL, *en_order = NULL;
    Pair *pairs = NULL;
    Py_ssize_t used = 0, capacity = 1024;
    if (!numbers) goto done;
    if (!postings(fa_keys, numbers, 1, &keys_seen, &fa_first, &fa_order)) goto done;
    if (!postings(en_keys, numbers, 0, &keys_seen, &en_first, &en_order)) goto done;
    /* Which key each number is, to leave out the excluded ones. */
    keys = PyList_New(keys_seen);
    if (!keys) goto done;
    {
        PyObject *key, *value;
        Py_ssize_t pos = 0;
        while (PyDict_Next(numbers, &pos, &key, &value)) {
            Py_INCREF(key);
            PyList_SET_ITEM(keys, PyLong_AsSsize_t(value), key);
        }
    }
    pairs = malloc(sizeof(Pair) * capacity);
    if (!pairs) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t x = 0; x < keys_seen; x++) {
        Py_ssize_t fa_df = fa_first[x + 1] - fa_first[x], en_df = en_first[x + 1] - en_first[x];
        if (!en_df || fa_df > max_df || en_df > max_df) continue;
        int skip = PySet_Contains(excluded, PyList_GET_ITEM(keys, x));
        if (skip < 0) goto done;
        if (skip) continue;
        for (Py_ssize_t a = fa_first[x]; a < fa_first[x + 1]; a++) {
            for (Py_ssize_t b = en_first[x]; b < en_first[x + 1]; b++) {
                if (used == capacity) {
                    Pair *grown = realloc(pairs, sizeof(Pair) * capacity * 2);
                    if (!grown) {
                        PyErr_NoMemory();
                        goto done;
                    }
                    pairs = grown;
                    capacity *= 2;
                }
                pairs[used++] = (Pair){fa_order[a], en_order[b]};
            }
        }
    }
    qsort(pairs, used, sizeof(Pair), by_pair);
    result = PyList_New(0);
    if (!result) goto done;
    for (Py_ssize_t p = 0; p < used;) {
        Py_ssize_t q = p;
        while (q < used && pairs[q].i == pairs[p].i && pairs[q].j == pairs[p].j) q++;
        PyObject *row = Py_BuildValue("(nnn)", pairs[p].i, pairs[p].j, q - p);
        if (!row || PyList_Append(result, row) < 0) {
            Py_XDECREF(row);
            Py_CLEAR(result);
            goto done;
        }
        Py_DECREF(row);
        p = q;
    }
done:
    Py_XDECREF(numbers);
    Py_XDECREF(keys);
    free(fa_first);
    free(fa_order);
    free(en_first);
    free(en_order);
    free(pairs);
    return result;
}

static PyMethodDef methods[] = {
    {"fill", fill, METH_VARARGS, "The banded bead search of hamsu.align.search, compiled (see _beads.c)."},
    {"pair_row", pair_row, METH_VARARGS, "One row of hamsu.align.lexical.PairScores, compiled (see _beads.c)."},
    {"pair_rows", pair_rows, METH_VARARGS, "Every row of a pair table, compiled (see _beads.c)."},
    {"anchor_pairs", anchor_pairs, METH_VARARGS, "The rare keys each sentence pair shares, compiled (see _beads.c)."},
    {"local_counts", local_counts, METH_VARARGS, "hamsu.align.lexical.local_counts, compiled (see _beads.c)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_beads", NULL, -1, methods};

PyMODINIT_FUNC PyInit__beads(void) { return PyModule_Create(&module); }
