/* The main of the frozen CPython for WASI: CPython's own command line (python -m NAME ARGS…), with every module
 * of the standard library and of the corpus frozen into the module (freeze.py's table), so it runs with no
 * preopened directory. */
#include <Python.h>

extern const struct _frozen perfdiff_frozen_modules[];

int main(int argc, char **argv)
{
    /* Asked before the file system by CPython's importer, for every import. */
    PyImport_FrozenModules = perfdiff_frozen_modules;

    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    /* There is no standard library on disk to find: without this, start-up warns that it found none. */
    config.pathconfig_warnings = 0;
    PyStatus status = PyConfig_SetBytesArgv(&config, argc, argv);
    if (!PyStatus_Exception(status))
        status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) {
        if (PyStatus_IsExit(status))
            return status.exitcode;
        Py_ExitStatusException(status);
    }
    return Py_RunMain();
}
