/* What the doctor knows from data/doctor/doctor.xml: rules that explain Docker's error messages, and prefix-style mirrors. */
#pragma once

#include <glib.h>

#include "matou-doctor-check.h"

G_BEGIN_DECLS

typedef struct {
  char     *id;           /* stable: "dns-timeout" */
  char     *pattern;      /* a GRegex, matched case-insensitively */
  GRegex   *regex;
  char     *sample;       /* a real message of this kind, for the tests */
  char     *title;        /* translated */
  char     *explanation;  /* translated */
  MatouFix  fix;          /* label translated */
} MatouExplainRule;

typedef struct {
  char  *id;
  char  *prefix;       /* "m.daocloud.io": PREFIX/ghcr.io/OWNER/IMAGE:TAG */
  char **registries;   /* the registries it serves under that prefix */
  char  *name;         /* translated */
  char  *note;         /* translated */
} MatouPrefixMirror;

typedef struct {
  GPtrArray *rules;           /* MatouExplainRule, in the file's order */
  GPtrArray *prefix_mirrors;  /* MatouPrefixMirror */
} MatouDoctorKnowledge;

#define MATOU_DOCTOR_KNOWLEDGE_RESOURCE "/io/github/matou/Matou/doctor/doctor.xml"

MatouDoctorKnowledge   *matou_doctor_knowledge_new_from_data (const char            *data,
                                                              gssize                 length,
                                                              GError               **error);
/* The application's resource when it is linked in, else PKGDATADIR/doctor.xml. */
MatouDoctorKnowledge   *matou_doctor_knowledge_load          (GError               **error);
void                    matou_doctor_knowledge_free          (MatouDoctorKnowledge  *knowledge);

/* The first rule whose pattern matches @text, or NULL ("not recognised"). */
const MatouExplainRule *matou_doctor_explain                 (const MatouDoctorKnowledge *knowledge,
                                                              const char                 *text);

/* The prefix mirrors that serve @registry ("ghcr.io"). */
GPtrArray              *matou_doctor_prefix_mirrors_for      (const MatouDoctorKnowledge *knowledge,
                                                              const char                 *registry);

/* Splits an image reference as docker does: "nginx" → ("docker.io",
 * "library/nginx", "latest"); "ghcr.io/o/i:1" → ("ghcr.io", "o/i", "1").
 * FALSE when @image is not a valid reference. A digest stays in @tag ("@sha256:…"). */
gboolean                matou_image_reference_parse          (const char  *image,
                                                              char       **registry,
                                                              char       **repository,
                                                              char       **tag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouDoctorKnowledge, matou_doctor_knowledge_free)

G_END_DECLS
