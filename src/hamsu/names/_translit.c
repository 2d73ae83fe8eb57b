/* The transliteration cost of hamsu.names.translit (score_keys' _least_cost and alignment_cost),
 * compiled. Each function gives exactly what the Python gives (tests/test_translit_core.py, which
 * runs the Python where this file could not be built).
 *
 * The same edit distance as alignment_cost, step for step: the same states, the same moves, each
 * sum formed from the same two doubles and the insertions chained left to right as the Python
 * chains them (no fused multiply-adds: setup.py builds with -ffp-contract=off), so the cost is the
 * same to the last bit. translit.py gives every table once (set_tables) and encodes a Persian form
 * as the indices of its letters' option lists; this file only runs the loops.
 *
 * set_tables(options, insert, final, vowel, cheap, delete, substitute)
 *   options: a list of option lists, each a tuple of (latin: str, cost: float); a Persian form's
 *     letters are indices into it
 *   insert, final: 128 doubles each (bytes), what an ASCII letter costs when no Persian letter
 *     spells it, anywhere and at the end of the English form
 *   vowel, cheap: 128 bytes each, 1 for a vowel (never substituted), 1 for a letter whose
 *     insertion costs less than a substitution
 * cost(codes, written, en, limit) -> float
 *   codes: bytes, the option list of each Persian letter; written: the English letters (bit k for
 *   chr(97 + k)) some letter of the Persian form writes; en: the English key (ASCII)
 *   Infinity when the cost is over `limit`, by _least_cost's bound or by the search; else the
 *   least cost of alignment_cost. None when `en` is not ASCII (the Python then answers).
 * overlapping(bits, sizes, lengths, en_bits, en_size, length) -> list (below): which consonant
 *   skeletons of Persian runs of words overlap an English one.
 * word_runs(sentence, forms, runs, most, where, bits, lengths) -> None (below): translit.word_runs,
 *   the runs of words of a sentence an English name may romanize, appended to three lists.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *latin;
    Py_ssize_t len;
    double cost;
} Option;

typedef struct {
    Option *options;
    Py_ssize_t count;
} OptionList;

static OptionList *lists = NULL;
static Py_ssize_t n_lists = 0;
static double insert_cost[128], final_cost[128], delete_cost = 1.0, substitute_cost = 0.9;
static unsigned char is_vowel[128], is_cheap[128];

static void free_tables(void) {
    for (Py_ssize_t k = 0; k < n_lists; k++) {
        for (Py_ssize_t o = 0; o < lists[k].count; o++) free(lists[k].options[o].latin);
        free(lists[k].options);
    }
    free(lists);
    lists = NULL;
    n_lists = 0;
}

static int copy_bytes(Py_buffer *b, void *into, Py_ssize_t size, const char *what) {
    if (b->len != size) {
        PyErr_Format(PyExc_ValueError, "%s: %zd bytes, expected %zd", what, b->len, size);
        return 0;
    }
    memcpy(into, b->buf, size);
    return 1;
}

static PyObject *set_tables(PyObject *self, PyObject *args) {
    PyObject *options;
    Py_buffer bins, bfin, bvow, bchp;
    double del, sub;
    if (!PyArg_ParseTuple(args, "O!y*y*y*y*dd", &PyList_Type, &options, &bins, &bfin, &bvow, &bchp, &del, &sub))
        return NULL;
    PyObject *result = NULL;
    double ins[128], fin[128];
    unsigned char vow[128], chp[128];
    Py_ssize_t count = PyList_GET_SIZE(options);
    OptionList *made = NULL;
    Py_ssize_t done = 0;
    if (!(copy_bytes(&bins, ins, sizeof ins, "insert") && copy_bytes(&bfin, fin, sizeof fin, "final") &&
          copy_bytes(&bvow, vow, sizeof vow, "vowel") && copy_bytes(&bchp, chp, sizeof chp, "cheap")))
        goto done;
    made = calloc(count ? count : 1, sizeof(OptionList));
    if (!made) {
        PyErr_NoMemory();
        goto done;
    }
    for (; done < count; done++) {
        PyObject *opts = PySequence_Fast(PyList_GET_ITEM(options, done), "an option list is a sequence");
        if (!opts) goto done;
        Py_ssize_t n = PySequence_Fast_GET_SIZE(opts);
        made[done].options = calloc(n ? n : 1, sizeof(Option));
        if (!made[done].options) {
            Py_DECREF(opts);
            PyErr_NoMemory();
            goto done;
        }
        for (Py_ssize_t o = 0; o < n; o++) {
            const char *latin;
            Py_ssize_t len;
            double cost;
            if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(opts, o), "s#d", &latin, &len, &cost)) {
                Py_DECREF(opts);
                goto done;
            }
            made[done].options[o].latin = malloc(len + 1);
            if (!made[done].options[o].latin) {
                Py_DECREF(opts);
                PyErr_NoMemory();
                goto done;
            }
            memcpy(made[done].options[o].latin, latin, len + 1);
            made[done].options[o].len = len;
            made[done].options[o].cost = cost;
            made[done].count = o + 1;
        }
        Py_DECREF(opts);
    }
    free_tables();
    lists = made, n_lists = count, made = NULL;
    memcpy(insert_cost, ins, sizeof ins);
    memcpy(final_cost, fin, sizeof fin);
    memcpy(is_vowel, vow, sizeof vow);
    memcpy(is_cheap, chp, sizeof chp);
    delete_cost = del, substitute_cost = sub;
    result = Py_None;
    Py_INCREF(result);
done:
    if (made) {
        for (Py_ssize_t k = 0; k < count; k++) {
            for (Py_ssize_t o = 0; o < made[k].count; o++) free(made[k].options[o].latin);
            free(made[k].options);
        }
        free(made);
    }
    PyBuffer_Release(&bins);
    PyBuffer_Release(&bfin);
    PyBuffer_Release(&bvow);
    PyBuffer_Release(&bchp);
    return result;
}

/* alignment_cost of translit.py: rows over the Persian letters, columns over the English ones. */
static double alignment_cost(const unsigned char *codes, Py_ssize_t n, const unsigned char *en, Py_ssize_t m,
                             double limit, double *ins, double *prev, double *cur) {
    for (Py_ssize_t j = 0; j < m; j++) ins[j] = insert_cost[en[j]];
    if (m) ins[m - 1] = final_cost[en[m - 1]];
    prev[0] = 0.0;
    for (Py_ssize_t j = 0; j < m; j++) prev[j + 1] = prev[j] + ins[j];
    for (Py_ssize_t u = 0; u < n; u++) {
        const OptionList *opts = &lists[codes[u]];
        /* A Persian letter dropped, */
        for (Py_ssize_t j = 0; j <= m; j++) cur[j] = prev[j] <= limit ? prev[j] + delete_cost : INFINITY;
        /* spelled by an English consonant outside its table, */
        for (Py_ssize_t j = 0; j < m; j++) {
            double base = prev[j];
            if (!is_vowel[en[j]] && base <= limit && base + substitute_cost < cur[j + 1])
                cur[j + 1] = base + substitute_cost;
        }
        /* or by one of its options, where that option's letters stand in the English form. */
        for (Py_ssize_t o = 0; o < opts->count; o++) {
            const Option *opt = &opts->options[o];
            Py_ssize_t step = opt->len;
            double cost = opt->cost;
            for (Py_ssize_t j = 0; j + step <= m; j++) {
                if (step && (en[j] != (unsigned char)opt->latin[0] || memcmp(en + j, opt->latin, step) != 0))
                    continue;
                double base = prev[j];
                if (base <= limit && base + cost < cur[j + step]) cur[j + step] = base + cost;
            }
        }
        /* English letters no Persian letter spells, left to right. */
        for (Py_ssize_t j = 0; j < m; j++)
            if (cur[j] + ins[j] < cur[j + 1]) cur[j + 1] = cur[j] + ins[j];
        double least = cur[0];
        for (Py_ssize_t j = 1; j <= m; j++)
            if (cur[j] < least) least = cur[j];
        if (least > limit) return INFINITY;
        double *swap = prev;
        prev = cur, cur = swap;
    }
    return prev[m];
}

/* The arguments of cost and overlapping, read as PyArg_ParseTuple's "y*", "K", "U", "d" and "n"
 * read them, without its format parsing and its argument tuple (METH_FASTCALL): score_keys calls
 * cost for every pair of forms it has not scored, the checks' many more than the linker's. Each
 * returns 0 with an exception set where the format would have failed. */
static int arg_buffer(PyObject *arg, Py_buffer *view) {
    if (PyUnicode_Check(arg)) {  /* ("y*" takes no str) */
        PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.50s'", Py_TYPE(arg)->tp_name);
        return 0;
    }
    return PyObject_GetBuffer(arg, view, PyBUF_SIMPLE) == 0;
}

static int arg_bits(PyObject *arg, unsigned long long *value) {
    if (!PyLong_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "an integer is required, not '%.50s'", Py_TYPE(arg)->tp_name);
        return 0;
    }
    *value = PyLong_AsUnsignedLongLongMask(arg);
    return !(*value == (unsigned long long)-1 && PyErr_Occurred());
}

static int arg_size(PyObject *arg, Py_ssize_t *value) {
    PyObject *index = PyNumber_Index(arg);
    if (index == NULL) return 0;
    *value = PyLong_AsSsize_t(index);
    Py_DECREF(index);
    return !(*value == -1 && PyErr_Occurred());
}

static int arg_count(const char *name, Py_ssize_t nargs, Py_ssize_t expected) {
    if (nargs == expected) return 1;
    PyErr_Format(PyExc_TypeError, "%s() takes exactly %zd arguments (%zd given)", name, expected, nargs);
    return 0;
}

static PyObject *cost(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    Py_buffer bcodes;
    unsigned long long written;
    PyObject *en_obj;
    double limit;
    if (!arg_count("cost", nargs, 4) || !arg_buffer(args[0], &bcodes)) return NULL;
    en_obj = args[2];
    if (!arg_bits(args[1], &written) || !PyUnicode_Check(en_obj)
        || ((limit = PyFloat_AsDouble(args[3])) == -1.0 && PyErr_Occurred())) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "cost: en must be str");
        PyBuffer_Release(&bcodes);
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(en_obj)) {
        PyBuffer_Release(&bcodes);
        Py_RETURN_NONE;
    }
    const unsigned char *codes = bcodes.buf, *en = PyUnicode_1BYTE_DATA(en_obj);
    Py_ssize_t n = bcodes.len, m = PyUnicode_GET_LENGTH(en_obj);
    for (Py_ssize_t u = 0; u < n; u++)
        if (codes[u] >= n_lists) {
            PyBuffer_Release(&bcodes);
            return PyErr_Format(PyExc_ValueError, "option list %d not set", (int)codes[u]);
        }
    /* _least_cost: each English letter no letter of the Persian form writes, unless cheap. */
    Py_ssize_t unwritten = 0;
    for (Py_ssize_t j = 0; j < m; j++) {
        unsigned char ch = en[j];
        int spelled = ch >= 'a' && ch <= 'z' && (written >> (ch - 'a')) & 1;
        if (!is_cheap[ch] && !spelled) unwritten++;
    }
    double result;
    if (substitute_cost * (double)unwritten > limit) {
        result = INFINITY;
    } else {
        double stack[3 * 64 + 2], *work = stack;
        if (m > 64 && !(work = malloc(sizeof(double) * (3 * m + 2)))) {
            PyBuffer_Release(&bcodes);
            return PyErr_NoMemory();
        }
        result = alignment_cost(codes, n, en, m, limit, work, work + m, work + 2 * m + 1);
        if (work != stack) free(work);
    }
    PyBuffer_Release(&bcodes);
    return PyFloat_FromDouble(result);
}

/* overlapping(bits, sizes, lengths, en_bits, en_size, length) -> list of the indices k, in order,
 * of the Persian skeletons (bits: uint64 each; sizes: one byte each, the number of bits set;
 * lengths: one byte each, the words of the form) of forms of one word more or less than `length`
 * that overlap the English one as translit.skeletons_overlap has it: 2 |A & B| >= 0.9 (|A| + |B|) - 1. */
static PyObject *overlapping(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    Py_buffer bbits, bsizes, blengths;
    unsigned long long en_bits;
    Py_ssize_t en_size, length;
    if (!arg_count("overlapping", nargs, 6) || !arg_buffer(args[0], &bbits)) return NULL;
    if (!arg_buffer(args[1], &bsizes)) {
        PyBuffer_Release(&bbits);
        return NULL;
    }
    if (!arg_buffer(args[2], &blengths)) {
        PyBuffer_Release(&bbits);
        PyBuffer_Release(&bsizes);
        return NULL;
    }
    PyObject *result = NULL;
    if (!arg_bits(args[3], &en_bits) || !arg_size(args[4], &en_size) || !arg_size(args[5], &length)) goto done;
    Py_ssize_t n = bsizes.len;
    if (bbits.len != n * (Py_ssize_t)sizeof(uint64_t) || blengths.len != n) {
        PyErr_SetString(PyExc_ValueError, "bits, sizes and lengths of different counts");
        goto done;
    }
    const uint64_t *bits = bbits.buf;
    const unsigned char *sizes = bsizes.buf, *lengths = blengths.buf;
    if (!(result = PyList_New(0))) goto done;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (lengths[k] > length + 1 || lengths[k] + 1 < length) continue;
        Py_ssize_t shared = 0;
        for (uint64_t both = bits[k] & en_bits; both; both &= both - 1) shared++;
        if ((double)(2 * shared) < 0.9 * (double)(sizes[k] + en_size) - 1.0) continue;
        PyObject *index = PyLong_FromSsize_t(k);
        if (!index || PyList_Append(result, index) < 0) {
            Py_XDECREF(index);
            Py_CLEAR(result);
            goto done;
        }
        Py_DECREF(index);
    }
done:
    PyBuffer_Release(&bbits);
    PyBuffer_Release(&bsizes);
    PyBuffer_Release(&blengths);
    return result;
}

/* translit.word_runs, step for step: for each word i with a form (not None), the runs words[i:j]
 * of up to `most` words of one run id, each with a form; a run whose skeleton (the middle words'
 * form[2] and the last word's form[3], or'ed) is not 0 is appended: (sentence, i, j) to `where`,
 * the skeleton to `bits`, j - i to `lengths`. Forms are tuples of four; the skeletons Python ints
 * (or'ed as Python ints, so any width gives what the Python gives). */
static PyObject *word_runs(PyObject *self, PyObject *args) {
    PyObject *sentence, *forms, *runs, *where, *bits, *lengths;
    Py_ssize_t most;
    if (!PyArg_ParseTuple(args, "OO!O!nO!O!O!", &sentence, &PyList_Type, &forms, &PyList_Type, &runs, &most,
                          &PyList_Type, &where, &PyList_Type, &bits, &PyList_Type, &lengths))
        return NULL;
    Py_ssize_t count = PyList_GET_SIZE(forms);
    if (PyList_GET_SIZE(runs) != count) {
        PyErr_SetString(PyExc_ValueError, "word_runs: one run id a form");
        return NULL;
    }
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *form = PyList_GET_ITEM(forms, k);
        if (form != Py_None && !(PyTuple_Check(form) && PyTuple_GET_SIZE(form) >= 4)) {
            PyErr_SetString(PyExc_TypeError, "word_runs: a form is a tuple of four or None");
            return NULL;
        }
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        if (PyList_GET_ITEM(forms, i) == Py_None) continue;
        PyObject *run_id = PyList_GET_ITEM(runs, i);
        Py_INCREF(run_id);  /* (the list may not change under us, but hold what we compare with) */
        PyObject *run = PyLong_FromLong(0);
        if (run == NULL) {
            Py_DECREF(run_id);
            return NULL;
        }
        Py_ssize_t end = i + most < count ? i + most : count;
        for (Py_ssize_t j = i; j < end; j++) {
            PyObject *form = PyList_GET_ITEM(forms, j);
            if (form == Py_None) break;
            int other = PyObject_RichCompareBool(PyList_GET_ITEM(runs, j), run_id, Py_NE);
            if (other < 0) goto error;
            if (other) break;
            PyObject *skeleton = PyNumber_Or(run, PyTuple_GET_ITEM(form, 3));
            if (skeleton == NULL) goto error;
            int some = PyObject_IsTrue(skeleton);
            if (some < 0) {
                Py_DECREF(skeleton);
                goto error;
            }
            if (some) {
                PyObject *place = Py_BuildValue("(Onn)", sentence, i, j + 1);
                PyObject *size = PyLong_FromSsize_t(j + 1 - i);
                int failed = place == NULL || size == NULL || PyList_Append(where, place) < 0 ||
                             PyList_Append(bits, skeleton) < 0 || PyList_Append(lengths, size) < 0;
                Py_XDECREF(place);
                Py_XDECREF(size);
                if (failed) {
                    Py_DECREF(skeleton);
                    goto error;
                }
            }
            Py_DECREF(skeleton);
            PyObject *grown = PyNumber_Or(run, PyTuple_GET_ITEM(form, 2));
            if (grown == NULL) goto error;
            Py_DECREF(run);
            run = grown;
        }
        Py_DECREF(run);
        Py_DECREF(run_id);
        continue;
    error:
        Py_DECREF(run);
        Py_DECREF(run_id);
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"set_tables", set_tables, METH_VARARGS, "The tables of hamsu.names.translit, given once (see _translit.c)."},
    {"cost", (PyCFunction)(void (*)(void))cost, METH_FASTCALL, "translit.py's _least_cost bound and alignment_cost, compiled (see _translit.c)."},
    {"overlapping", (PyCFunction)(void (*)(void))overlapping, METH_FASTCALL, "translit.Skeletons.overlapping, compiled (see _translit.c)."},
    {"word_runs", word_runs, METH_VARARGS, "translit.word_runs, compiled (see _translit.c)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_translit", NULL, -1, methods};

PyMODINIT_FUNC PyInit__translit(void) { return PyModule_Create(&module); }
