/* The error domain shared by the GUI, the helper and the core library. */
#include "matou-error.h"

G_DEFINE_QUARK (matou-error-quark, matou_error)
