/* The names check's romanization loop (hamsu.names.presence._romanized_in), compiled. It gives
 * exactly the answer the Python gives (tests/test_presence_core.py, which runs the Python where
 * this file could not be built): the same runs tried in the same order, the same cheap tests
 * before the score, the same score asked of the same cached function with the same floor.
 *
 * presence.py gives the scores and the score function once (set_tables) and this file only runs
 * the loop: for a name's English word, every run of the Persian side is compared, and most are
 * turned away by their skeletons or weights before any score is asked.
 *
 * set_tables(score_keys, present, short_present, common_present[, cost, form_of, en_weight])
 *   score_keys: translit.score_keys, called (folded, key, floor) -> float
 *   present, short_present, common_present: presence.PRESENT_SCORE, SHORT_PRESENT_SCORE,
 *     COMMON_PRESENT_SCORE
 *   cost, form_of: the compiled cost score_keys asks (_translit.cost, called (codes, written, key,
 *     limit) -> float, or None for a key not in ASCII) and presence._romanization_cost (called
 *     (folded) -> (codes, written, fa_weight) as score_keys reads the form, or None for a form with
 *     no letter to align); or None where the compiled cost was not built. With them a run's score
 *     is worked out here as score_keys works it out (the same operations on the same doubles),
 *     without a call to it: its calls, each a new pair, are most of the loop's cost.
 *   en_weight: translit.en_weight, for score (below)
 * score(folded, key, floor) -> float: translit.score_keys(folded, key, floor), worked out here as
 *   the loop works it out (for the names check's other romanization tests, which ask new pairs
 *   too); where set_tables was given no cost, score_keys is asked.
 * romanized_in(runs, key, bits, size, weight) -> bool, or None where the Python must answer
 *   runs: presence._romanization_runs of the side, tuples (folded, bits, size, weight, common)
 *   key, bits, size, weight: the English key and presence._key_skeleton(key)
 *   None when a skeleton's bits do not fit in 64 (the Python then answers with its own ints).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *score_keys = NULL;
static PyObject *cost = NULL, *form_of = NULL, *en_weight = NULL; /* or NULL: see set_tables */
static double present = 0.0, short_present = 0.0, common_present = 0.0;

static PyObject *set_tables(PyObject *self, PyObject *args) {
    PyObject *score, *cost_given = Py_None, *form_of_given = Py_None, *en_weight_given = Py_None;
    double a, b, c;
    if (!PyArg_ParseTuple(args, "Oddd|OOO", &score, &a, &b, &c, &cost_given, &form_of_given, &en_weight_given))
        return NULL;
    if (!PyCallable_Check(score) || (cost_given == Py_None) != (form_of_given == Py_None) ||
        (cost_given == Py_None) != (en_weight_given == Py_None) ||
        (cost_given != Py_None && !(PyCallable_Check(cost_given) && PyCallable_Check(form_of_given) &&
                                    PyCallable_Check(en_weight_given)))) {
        PyErr_SetString(PyExc_TypeError, "score_keys, and cost, form_of and en_weight (all or none), must be callable");
        return NULL;
    }
    Py_INCREF(score);
    Py_XSETREF(score_keys, score);
    if (cost_given == Py_None) {
        Py_CLEAR(cost);
        Py_CLEAR(form_of);
        Py_CLEAR(en_weight);
    } else {
        Py_INCREF(en_weight_given);
        Py_XSETREF(en_weight, en_weight_given);
        Py_INCREF(cost_given);
        Py_XSETREF(cost, cost_given);
        Py_INCREF(form_of_given);
        Py_XSETREF(form_of, form_of_given);
    }
    present = a;
    short_present = b;
    common_present = c;
    Py_RETURN_NONE;
}

/* A skeleton's bits as a machine word; 0 with *fits cleared when they need more than 64. */
static unsigned long long bits_of(PyObject *value, int *fits) {
    int overflow = 0;
    long long bits = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (overflow || bits < 0) {
        *fits = 0;
        return 0;
    }
    return (unsigned long long)bits;
}

/* The bits set in a word (a skeleton has a few: one a consonant class), without a compiler's builtin. */
static Py_ssize_t bit_count(unsigned long long x) {
    Py_ssize_t n = 0;
    for (; x; x &= x - 1) n++;
    return n;
}

/* score_keys(folded, key, floor) of a form and a key of en_weight `weight`, worked out from the
 * form's (codes, written, fa_weight) with the compiled cost where they were given, else asked of
 * score_keys. -1 on error. */
static int score_of(PyObject *folded, PyObject *key, double weight, double floor, double *score) {
    PyObject *form = NULL;
    if (cost != NULL && PyUnicode_GET_LENGTH(key) > 0) { /* score_keys gives 0 for an empty key */
        form = PyObject_CallOneArg(form_of, folded);
        if (form == NULL) return -1;
        if (form != Py_None && (!PyTuple_Check(form) || PyTuple_GET_SIZE(form) != 3)) {
            Py_DECREF(form);
            PyErr_SetString(PyExc_TypeError, "a run's form is (codes, written, fa_weight)");
            return -1;
        }
    }
    if (form != NULL && form != Py_None) {
        double fa_weight = PyFloat_AsDouble(PyTuple_GET_ITEM(form, 2));
        if (fa_weight == -1.0 && PyErr_Occurred()) {
            Py_DECREF(form);
            return -1;
        }
        double scale = (fa_weight + weight) / 2; /* max(2.0, (fa_weight + en_weight) / 2) */
        if (!(scale > 2.0)) scale = 2.0;
        double limit = floor > 0 ? (1.0 - floor) * scale : INFINITY;
        PyObject *limit_object = PyFloat_FromDouble(limit);
        PyObject *found = limit_object == NULL ? NULL : PyObject_CallFunctionObjArgs(
            cost, PyTuple_GET_ITEM(form, 0), PyTuple_GET_ITEM(form, 1), key, limit_object, NULL);
        Py_XDECREF(limit_object);
        Py_DECREF(form);
        if (found == NULL) return -1;
        if (found != Py_None) { /* None: a key not in ASCII, which score_keys scores in Python */
            double value = PyFloat_AsDouble(found);
            Py_DECREF(found);
            if (value == -1.0 && PyErr_Occurred()) return -1;
            value = 1.0 - value / scale; /* max(0.0, 1.0 - cost / scale) */
            *score = value > 0.0 ? value : 0.0;
            return 0;
        }
        Py_DECREF(found);
    } else {
        Py_XDECREF(form); /* None: no letter to align, which score_keys scores 0 */
    }
    PyObject *found = PyObject_CallFunction(score_keys, "OOd", folded, key, floor);
    if (found == NULL) return -1;
    *score = PyFloat_AsDouble(found);
    Py_DECREF(found);
    return *score == -1.0 && PyErr_Occurred() ? -1 : 0;
}

static PyObject *romanized_in(PyObject *self, PyObject *args) {
    PyObject *runs, *key, *bits_object;
    Py_ssize_t size;
    double weight;
    if (!PyArg_ParseTuple(args, "O!UOnd", &PyTuple_Type, &runs, &key, &bits_object, &size, &weight)) return NULL;
    if (score_keys == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "set_tables first");
        return NULL;
    }
    int fits = 1;
    unsigned long long bits = bits_of(bits_object, &fits);
    if (PyErr_Occurred()) return NULL;
    if (!fits) Py_RETURN_NONE;
    double reach = weight > 2.0 ? weight : 2.0; /* max(2.0, weight) */
    Py_ssize_t count = PyTuple_GET_SIZE(runs);
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *run = PyTuple_GET_ITEM(runs, i);
        if (!PyTuple_Check(run) || PyTuple_GET_SIZE(run) != 5) {
            PyErr_SetString(PyExc_TypeError, "a run is (folded, bits, size, weight, common)");
            return NULL;
        }
        unsigned long long fa_bits = bits_of(PyTuple_GET_ITEM(run, 1), &fits);
        if (PyErr_Occurred()) return NULL;
        if (!fits) Py_RETURN_NONE;
        Py_ssize_t fa_size = PyLong_AsSsize_t(PyTuple_GET_ITEM(run, 2));
        if (fa_size == -1 && PyErr_Occurred()) return NULL;
        double fa_weight = PyFloat_AsDouble(PyTuple_GET_ITEM(run, 3));
        if (fa_weight == -1.0 && PyErr_Occurred()) return NULL;
        int common = PyObject_IsTrue(PyTuple_GET_ITEM(run, 4));
        if (common < 0) return NULL;
        Py_ssize_t shared = bit_count(fa_bits & bits);
        if (!shared || 2 * shared < (fa_size < size ? fa_size : size)) continue;
        if ((weight > fa_weight ? weight - fa_weight : fa_weight - weight) > reach) continue;
        double needed = weight >= 3 && fa_weight >= 3 ? present : short_present;
        if (common && common_present > needed) needed = common_present; /* max(needed, common) */
        double value;
        if (score_of(PyTuple_GET_ITEM(run, 0), key, weight, needed - 0.01, &value) < 0) return NULL;
        if (value >= needed) Py_RETURN_TRUE;
    }
    Py_RETURN_FALSE;
}

static PyObject *score(PyObject *self, PyObject *args) {
    PyObject *folded, *key;
    double floor = 0.0, weight = 0.0, value;
    if (!PyArg_ParseTuple(args, "UU|d", &folded, &key, &floor)) return NULL;
    if (score_keys == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "set_tables first");
        return NULL;
    }
    if (en_weight != NULL && PyUnicode_GET_LENGTH(key) > 0) {
        PyObject *found = PyObject_CallOneArg(en_weight, key);
        if (found == NULL) return NULL;
        weight = PyFloat_AsDouble(found);
        Py_DECREF(found);
        if (weight == -1.0 && PyErr_Occurred()) return NULL;
    }
    if (score_of(folded, key, weight, floor, &value) < 0) return NULL;
    return PyFloat_FromDouble(value);
}

static PyMethodDef methods[] = {
    {"score", score, METH_VARARGS, "score(folded, key, floor=0.0) -> float: translit.score_keys"},
    {"set_tables", set_tables, METH_VARARGS, "set_tables(score_keys, present, short_present, common_present[, cost, form_of, en_weight])"},
    {"romanized_in", romanized_in, METH_VARARGS, "romanized_in(runs, key, bits, size, weight) -> bool or None"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_presence", NULL, -1, methods};

PyMODINIT_FUNC PyInit__presence(void) { return PyModule_Create(&module); }
