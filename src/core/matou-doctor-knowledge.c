/* What the doctor knows from data/doctor/doctor.xml: error-message rules and prefix mirrors, read and translated. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "matou-doctor-knowledge.h"
#include "matou-error.h"
#include "matou-markup.h"

#define fail(context, error, ...) matou_markup_fail (context, "doctor.xml", error, __VA_ARGS__)

typedef struct {
  MatouMarkupLeaf       leaf;
  MatouDoctorKnowledge *knowledge;
  MatouExplainRule     *rule;
  MatouPrefixMirror    *mirror;
} Parser;

static void
rule_free (MatouExplainRule *rule)
{
  g_free (rule->id);
  g_free (rule->pattern);
  g_clear_pointer (&rule->regex, g_regex_unref);
  g_free (rule->sample);
  g_free (rule->title);
  g_free (rule->explanation);
  matou_fix_clear (&rule->fix);
  g_free (rule);
}

static void
prefix_mirror_free (MatouPrefixMirror *mirror)
{
  g_free (mirror->id);
  g_free (mirror->prefix);
  g_strfreev (mirror->registries);
  g_free (mirror->name);
  g_free (mirror->note);
  g_free (mirror);
}

void
matou_doctor_knowledge_free (MatouDoctorKnowledge *knowledge)
{
  if (knowledge == NULL)
    return;

  g_clear_pointer (&knowledge->rules, g_ptr_array_unref);
  g_clear_pointer (&knowledge->prefix_mirrors, g_ptr_array_unref);
  g_free (knowledge);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  Parser *parser = user_data;

  if (g_str_equal (element, "matou-doctor"))
    return;

  if (g_str_equal (element, "rule"))
    {
      const char *id = NULL, *fix = NULL, *field = NULL;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_STRING, "fix", &fix,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "field", &field,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      parser->rule = g_new0 (MatouExplainRule, 1);
      parser->rule->id = g_strdup (id);
      g_ptr_array_add (parser->knowledge->rules, parser->rule);
      if (g_str_equal (fix, "settings") && field != NULL &&
          (g_str_equal (field, "proxy") || g_str_equal (field, "mirrors") || g_str_equal (field, "dns")))
        {
          parser->rule->fix.kind = MATOU_FIX_SETTINGS;
          parser->rule->fix.field = g_strdup (field);
        }
      else if (g_str_equal (fix, "install"))
        parser->rule->fix.kind = MATOU_FIX_INSTALL;
      else if (g_str_equal (fix, "command"))
        parser->rule->fix.kind = MATOU_FIX_COMMAND;
      else if (g_str_equal (fix, "start-docker"))
        {
          parser->rule->fix.kind = MATOU_FIX_START_DOCKER;
          parser->rule->fix.command = g_strdup (matou_start_docker_command ());
        }
      else if (g_str_equal (fix, "none"))
        parser->rule->fix.kind = MATOU_FIX_NONE;
      else
        fail (context, error, "rule “%s”: unknown fix “%s”", id, fix);
      return;
    }

  if (g_str_equal (element, "prefix-mirror"))
    {
      const char *id = NULL, *prefix = NULL, *registries = NULL, *provider = NULL;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_STRING, "prefix", &prefix,
                                        G_MARKUP_COLLECT_STRING, "registries", &registries,
                                        G_MARKUP_COLLECT_STRING, "provider", &provider,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      parser->mirror = g_new0 (MatouPrefixMirror, 1);
      parser->mirror->id = g_strdup (id);
      parser->mirror->prefix = g_strdup (prefix);
      parser->mirror->registries = g_strsplit (registries, " ", -1);
      g_ptr_array_add (parser->knowledge->prefix_mirrors, parser->mirror);
      return;
    }

  if ((parser->rule != NULL &&
       (g_str_equal (element, "pattern") || g_str_equal (element, "sample") ||
        g_str_equal (element, "title") || g_str_equal (element, "explanation") ||
        g_str_equal (element, "fix") || g_str_equal (element, "command"))) ||
      (parser->mirror != NULL && (g_str_equal (element, "name") || g_str_equal (element, "note"))))
    {
      matou_markup_leaf_begin (&parser->leaf);
      return;
    }

  fail (context, error, "unexpected <%s>", element);
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  Parser *parser = user_data;
  g_autofree char *text = NULL;

  if (g_str_equal (element, "rule"))
    {
      MatouExplainRule *rule = parser->rule;

      parser->rule = NULL;
      if (rule->regex == NULL || rule->sample == NULL || rule->title == NULL || rule->explanation == NULL)
        fail (context, error, "rule “%s” needs a pattern, a sample, a title and an explanation", rule->id);
      else if (rule->fix.kind != MATOU_FIX_NONE && rule->fix.label == NULL)
        fail (context, error, "rule “%s” needs a <fix> label", rule->id);
      else if ((rule->fix.kind == MATOU_FIX_COMMAND || rule->fix.kind == MATOU_FIX_START_DOCKER) !=
               (rule->fix.command != NULL))
        fail (context, error, "rule “%s”: a <command> goes with fix=\"command\" and only there", rule->id);
      return;
    }
  if (g_str_equal (element, "prefix-mirror"))
    {
      if (parser->mirror->name == NULL || parser->mirror->note == NULL)
        fail (context, error, "prefix mirror “%s” needs a name and a note", parser->mirror->id);
      parser->mirror = NULL;
      return;
    }
  if (!matou_markup_leaf_end (&parser->leaf))
    return;

  if (g_str_equal (element, "command") || g_str_equal (element, "pattern") || g_str_equal (element, "sample"))
    text = g_strstrip (g_strdup (parser->leaf.text->str));
  else
    {
      g_autofree char *msgid = matou_markup_normalize_space (parser->leaf.text->str);
      text = g_strdup (*msgid != '\0' ? g_dgettext (GETTEXT_PACKAGE, msgid) : "");
    }
  if (*text == '\0')
    {
      fail (context, error, "<%s> is empty", element);
      return;
    }

  if (g_str_equal (element, "pattern"))
    {
      g_autoptr(GError) regex_error = NULL;

      parser->rule->regex = g_regex_new (text, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &regex_error);
      if (parser->rule->regex == NULL)
        {
          fail (context, error, "rule “%s”: %s", parser->rule->id, regex_error->message);
          return;
        }
      matou_markup_set_once (&parser->rule->pattern, g_steal_pointer (&text), context, "doctor.xml", element, error);
    }
  else if (g_str_equal (element, "sample"))
    matou_markup_set_once (&parser->rule->sample, g_steal_pointer (&text), context, "doctor.xml", element, error);
  else if (g_str_equal (element, "title"))
    matou_markup_set_once (&parser->rule->title, g_steal_pointer (&text), context, "doctor.xml", element, error);
  else if (g_str_equal (element, "explanation"))
    matou_markup_set_once (&parser->rule->explanation, g_steal_pointer (&text), context, "doctor.xml", element, error);
  else if (g_str_equal (element, "fix"))
    matou_markup_set_once (&parser->rule->fix.label, g_steal_pointer (&text), context, "doctor.xml", element, error);
  else if (g_str_equal (element, "command"))
    matou_markup_set_once (&parser->rule->fix.command, g_steal_pointer (&text), context, "doctor.xml", element, error);
  else if (g_str_equal (element, "name"))
    matou_markup_set_once (&parser->mirror->name, g_steal_pointer (&text), context, "doctor.xml", element, error);
  else if (g_str_equal (element, "note"))
    matou_markup_set_once (&parser->mirror->note, g_steal_pointer (&text), context, "doctor.xml", element, error);
}

MatouDoctorKnowledge *
matou_doctor_knowledge_new_from_data (const char  *data,
                                      gssize       length,
                                      GError     **error)
{
  g_autoptr(MatouDoctorKnowledge) knowledge = g_new0 (MatouDoctorKnowledge, 1);
  g_autoptr(GString) text = g_string_new (NULL);
  Parser parser = { .leaf = { .text = text }, .knowledge = knowledge };

  knowledge->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  knowledge->prefix_mirrors = g_ptr_array_new_with_free_func ((GDestroyNotify) prefix_mirror_free);

  if (!matou_markup_parse (start_element, end_element, 0, &parser.leaf, data, length, "doctor.xml", error))
    return NULL;
  if (knowledge->rules->len == 0)
    return fail (NULL, error, "no rules"), NULL;

  return g_steal_pointer (&knowledge);
}

MatouDoctorKnowledge *
matou_doctor_knowledge_load (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *path = PKGDATADIR "/doctor.xml";

  bytes = g_resources_lookup_data (MATOU_DOCTOR_KNOWLEDGE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes != NULL)
    {
      const char *data = g_bytes_get_data (bytes, &length);
      return matou_doctor_knowledge_new_from_data (data, length, error);
    }

  if (!g_file_get_contents (path, &contents, &length, NULL))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_IO,
                   _("Cannot read %s. Reinstall Matou."), path);
      return NULL;
    }

  return matou_doctor_knowledge_new_from_data (contents, length, error);
}

const MatouExplainRule *
matou_doctor_explain (const MatouDoctorKnowledge *knowledge,
                      const char                 *text)
{
  if (text == NULL)
    return NULL;

  for (guint i = 0; i < knowledge->rules->len; i++)
    {
      const MatouExplainRule *rule = g_ptr_array_index (knowledge->rules, i);

      if (g_regex_match (rule->regex, text, 0, NULL))
        return rule;
    }

  return NULL;
}

GPtrArray *
matou_doctor_prefix_mirrors_for (const MatouDoctorKnowledge *knowledge,
                                 const char                 *registry)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < knowledge->prefix_mirrors->len; i++)
    {
      MatouPrefixMirror *mirror = g_ptr_array_index (knowledge->prefix_mirrors, i);

      if (g_strv_contains ((const char * const *) mirror->registries, registry))
        g_ptr_array_add (found, mirror);
    }

  return found;
}

gboolean
matou_image_reference_parse (const char  *image,
                             char       **registry,
                             char       **repository,
                             char       **tag)
{
  g_autofree char *name = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *host = NULL;
  const char *slash, *at, *colon;
  static GRegex *valid = NULL;

  if (image == NULL || *image == '\0')
    return FALSE;
  if (g_once_init_enter (&valid))
    g_once_init_leave (&valid, g_regex_new ("^[a-z0-9]([a-z0-9._:/-]*[a-z0-9])?(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$",
                                            G_REGEX_OPTIMIZE, 0, NULL));
  if (!g_regex_match (valid, image, 0, NULL))
    return FALSE;

  at = strchr (image, '@');
  name = at != NULL ? g_strndup (image, at - image) : g_strdup (image);
  slash = strrchr (name, '/');
  colon = strrchr (name, ':');
  if (at != NULL)
    reference = g_strdup (at);
  if (colon != NULL && (slash == NULL || colon > slash))
    {
      if (reference == NULL)
        reference = g_strdup (colon + 1);
      name[colon - name] = '\0';
    }
  if (reference == NULL)
    reference = g_strdup ("latest");

  slash = strchr (name, '/');
  if (slash != NULL)
    {
      g_autofree char *first = g_strndup (name, slash - name);
      if (strchr (first, '.') != NULL || strchr (first, ':') != NULL || g_str_equal (first, "localhost"))
        host = g_steal_pointer (&first);
    }
  if (host == NULL || g_str_equal (host, "docker.io") || g_str_equal (host, "index.docker.io") || g_str_equal (host, "registry-1.docker.io"))
    {
      const char *path = host != NULL ? slash + 1 : name;
      g_clear_pointer (&host, g_free);
      host = g_strdup ("docker.io");
      if (repository != NULL)
        *repository = strchr (path, '/') == NULL ? g_strconcat ("library/", path, NULL) : g_strdup (path);
    }
  else if (repository != NULL)
    *repository = g_strdup (slash + 1);

  if (registry != NULL)
    *registry = g_steal_pointer (&host);
  if (tag != NULL)
    *tag = g_steal_pointer (&reference);

  return TRUE;
}
