/* Install plans: built from data/install-plans.json and what this system is, the same for the page that shows them and the helper that runs them. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "matou-error.h"
#include "matou-install-plan.h"
#include "matou-install-plan-private.h"
#include "matou-json.h"

#define RESOURCE_PREFIX "/io/github/matou/Matou/data/"

/* The texts of data/install-plans.json, for xgettext; a unit test checks
 * that every text of the file is here. */
static const char * const plan_texts[] = {
  N_("Distribution packages"),
  N_("Choose this for the simplest setup, updated with the rest of your system; the Docker version is older."),
  N_("Docker’s repository"),
  N_("Choose this for the newest Docker Engine with Compose and Buildx, when download.docker.com is reachable from your network."),
  N_("A mirror of Docker’s repository"),
  N_("Choose this when download.docker.com is slow or blocked, as in mainland China: the same packages from a mirror near you."),
  N_("Update the package lists"),
  N_("So that apt installs the current version of each package from your distribution."),
  N_("Install Docker from your distribution"),
  N_("Installs {packages} from your distribution’s own archive. They are updated with the rest of your system."),
  N_("Needed only when ca-certificates or curl is missing, so that apt finds their current versions."),
  N_("Install ca-certificates and curl"),
  N_("curl downloads Docker’s signing key; ca-certificates lets it check the server’s certificate."),
  N_("Download Docker’s signing key"),
  N_("apt checks every package from {repository} against this key. It goes to {file}, readable by everyone."),
  N_("Add Docker’s repository"),
  N_("Writes {file} so that apt finds Docker’s packages at {repository}."),
  N_("The older {old} points at the same packages and would conflict with it: it is moved to {backup}."),
  N_("Read Docker’s repository"),
  N_("Updates the package lists and checks that the repository answers. If it does not, the key and the repository file are removed again, so that apt keeps working."),
  N_("Download Docker’s packages"),
  N_("Fetches every package before anything is removed, so that a network failure cannot leave you without Docker."),
  N_("Remove conflicting packages"),
  N_("{conflicts} would conflict with Docker’s own packages. Your images, containers and volumes in /var/lib/docker are kept."),
  N_("Install Docker Engine"),
  N_("Installs {docker-packages}: the engine, its command, containerd, Buildx and the Compose plugin."),
  N_("Installs {packages} from Fedora’s own repositories. They are updated with the rest of your system."),
  N_("dnf checks every package from {repository} against this key, and only Docker’s own key is kept, whatever the mirror serves. It goes to {file}, readable by everyone."),
  N_("Writes {file} so that dnf finds Docker’s packages at {repository} and checks them against the signing key downloaded before, not one the mirror serves."),
  N_("Downloads the repository’s metadata and checks that it answers. If it does not, the key and the repository file are removed again, so that dnf keeps working."),
  N_("Start Docker now and at every boot"),
  N_("Enables the docker service and starts it, then waits until the daemon answers."),
  N_("Let {user} use Docker without sudo"),
  N_("Adds {user} to the docker group. It takes effect at the next login, or in a terminal after “newgrp docker”."),
};

static const char * const method_ids[MATOU_INSTALL_N_METHODS] = {
  "distro-packages", "docker-repository", "docker-mirror",
};

struct _MatouInstallPlans
{
  JsonNode   *root;
  JsonObject *object;
};

/* --- small helpers ---------------------------------------------------------- */

static gboolean
fail (GError     **error,
      const char  *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError     **error,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, MATOU_ERROR, MATOU_ERROR_PARSE, "install-plans: %s", message);

  return FALSE;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* A list of strings, or NULL when it is missing or holds anything else. */
static char **
get_strv (JsonObject *object,
          const char *name)
{
  JsonArray *array = get_array (object, name);
  g_autoptr(GStrvBuilder) builder = NULL;

  if (array == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return NULL;
      g_strv_builder_add (builder, json_node_get_string (node));
    }

  return g_strv_builder_end (builder);
}

static gboolean
strv_contains (char       **strv,
               const char  *value)
{
  return strv != NULL && value != NULL && g_strv_contains ((const char * const *) strv, value);
}

static const char *
translate (const char *text)
{
  return text != NULL && *text != '\0' ? g_dgettext (GETTEXT_PACKAGE, text) : text;
}

gboolean
matou_install_plans_string_is_listed (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (plan_texts); i++)
    if (g_strcmp0 (plan_texts[i], text) == 0)
      return TRUE;

  return FALSE;
}

const char *
matou_install_method_to_string (MatouInstallMethod method)
{
  g_return_val_if_fail ((guint) method < MATOU_INSTALL_N_METHODS, NULL);

  return method_ids[method];
}

gboolean
matou_install_method_from_string (const char         *text,
                                  MatouInstallMethod *method)
{
  for (guint i = 0; i < MATOU_INSTALL_N_METHODS; i++)
    if (g_strcmp0 (text, method_ids[i]) == 0)
      {
        *method = (MatouInstallMethod) i;
        return TRUE;
      }

  return FALSE;
}

/* --- loading ------------------------------------------------------------------ */

void
matou_install_plans_free (MatouInstallPlans *plans)
{
  if (plans == NULL)
    return;

  g_clear_pointer (&plans->root, json_node_unref);
  g_free (plans);
}

static gboolean
check_step (JsonObject  *step,
            JsonObject  *common,
            GError     **error)
{
  const char *id = get_string (step, "id");
  const char *use = get_string (step, "use");
  JsonObject *done;

  if (id == NULL || !g_regex_match_simple ("^[a-z][a-z-]{0,31}$", id, G_REGEX_DOLLAR_ENDONLY, 0))
    return fail (error, "a step has no valid id");
  if (use != NULL)
    {
      JsonObject *shared = get_object (common, use);

      if (shared == NULL)
        return fail (error, "step %s uses the unknown common step %s", id, use);
      if (get_string (shared, "title") == NULL || get_string (shared, "why") == NULL)
        return fail (error, "the common step %s needs a title and a why", use);
      done = get_object (shared, "done-when");
      if (done == NULL || json_object_get_size (done) != 1)
        return fail (error, "the common step %s needs one done-when condition", use);
      return TRUE;
    }
  if (get_string (step, "title") == NULL || get_string (step, "why") == NULL)
    return fail (error, "step %s needs a title and a why", id);
  if ((get_array (step, "run") != NULL) + (get_object (step, "download") != NULL) +
      (get_object (step, "write") != NULL) != 1)
    return fail (error, "step %s needs exactly one of run, download, write", id);
  done = get_object (step, "done-when");
  if (done == NULL || json_object_get_size (done) != 1)
    return fail (error, "step %s needs one done-when condition", id);

  return TRUE;
}

static gboolean
check_plans (MatouInstallPlans  *plans,
             GError            **error)
{
  JsonObject *object = plans->object;
  JsonArray *distros = get_array (object, "distributions");
  JsonArray *methods = get_array (object, "methods");
  JsonArray *list = get_array (object, "plans");
  JsonObject *families = get_object (object, "families");
  JsonObject *common = get_object (object, "common-steps");

  if (g_strcmp0 (get_string (object, "kind"), "install-plans") != 0)
    return fail (error, "not an install-plans file");
  if (distros == NULL || methods == NULL || list == NULL || families == NULL || common == NULL ||
      get_string (object, "official-mirror") == NULL)
    return fail (error, "distributions, families, methods, plans, common-steps and official-mirror are needed");

  for (guint i = 0; i < MATOU_INSTALL_N_METHODS; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < json_array_get_length (methods); j++)
        {
          JsonObject *method = json_array_get_object_element (methods, j);

          if (g_strcmp0 (get_string (method, "id"), method_ids[i]) == 0 &&
              get_string (method, "title") != NULL && get_string (method, "when") != NULL)
            found = TRUE;
        }
      if (!found)
        return fail (error, "the method %s is not described", method_ids[i]);
    }

  for (guint i = 0; i < json_array_get_length (distros); i++)
    {
      JsonObject *distro = json_array_get_object_element (distros, i);
      const char *family = get_string (distro, "family");
      const char *path = get_string (distro, "repository-path");
      g_auto(GStrv) packages = get_strv (distro, "distro-packages");

      if (distro == NULL || get_string (distro, "id") == NULL || get_string (distro, "name") == NULL ||
          packages == NULL ||
          get_object (families, family != NULL ? family : "") == NULL ||
          path == NULL || !g_regex_match_simple ("^[a-z]+$", path, G_REGEX_DOLLAR_ENDONLY, 0) ||
          get_object (distro, "releases") == NULL || get_array (distro, "compose") == NULL)
        return fail (error, "distribution %u is incomplete", i);
    }

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *plan = json_array_get_object_element (list, i);
      JsonArray *steps = get_array (plan, "steps");

      if (plan == NULL || steps == NULL || get_object (families, get_string (plan, "family") ?: "") == NULL)
        return fail (error, "plan %u is incomplete", i);
      for (guint j = 0; j < json_array_get_length (steps); j++)
        {
          JsonObject *step = json_array_get_object_element (steps, j);

          if (step == NULL || !check_step (step, common, error))
            return FALSE;
        }
    }

  return TRUE;
}

MatouInstallPlans *
matou_install_plans_load_from_data (const char  *data,
                                    gssize       length,
                                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MatouInstallPlans) plans = g_new0 (MatouInstallPlans, 1);
  JsonNode *root;

  if (!matou_json_parser_load (parser, data, length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (error, "the file is not a JSON object");
      return NULL;
    }

  plans->root = json_node_ref (root);
  plans->object = json_node_get_object (root);
  if (!check_plans (plans, error))
    return NULL;

  return g_steal_pointer (&plans);
}

/**
 * matou_install_plans_load:
 * @name_or_path: %MATOU_INSTALL_PLANS_NAME (the GUI's resource when it is
 *   registered, else PKGDATADIR, which is what the root helper reads), or a
 *   file path (with a '/')
 */
MatouInstallPlans *
matou_install_plans_load (const char  *name_or_path,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (strchr (name_or_path, '/') == NULL)
    {
      g_autofree char *resource = g_strconcat (RESOURCE_PREFIX, name_or_path, ".json", NULL);

      bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (bytes != NULL)
        {
          const char *data = g_bytes_get_data (bytes, &length);

          return matou_install_plans_load_from_data (data, length, error);
        }
    }

  {
    g_autofree char *file = strchr (name_or_path, '/') != NULL ?
                            g_strdup (name_or_path) :
                            g_strconcat (PKGDATADIR "/", name_or_path, ".json", NULL);

    if (!g_file_get_contents (file, &contents, &length, &local_error))
      {
        g_set_error (error, MATOU_ERROR, MATOU_ERROR_IO, _("The install plans cannot be read: %s"),
                     local_error->message);
        return NULL;
      }
  }

  return matou_install_plans_load_from_data (contents, length, error);
}

static JsonObject *
find_by_id (JsonArray  *array,
            const char *id)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (get_string (object, "id"), id) == 0)
        return object;
    }

  return NULL;
}

const char *
matou_install_plans_get_docs_url (MatouInstallPlans *plans)
{
  const char *url = get_string (plans->object, "docs");

  return url != NULL && g_str_has_prefix (url, "https://") ? url : MATOU_INSTALL_DOCS_URL;
}

const char *
matou_install_plans_get_official_mirror (MatouInstallPlans *plans)
{
  return get_string (plans->object, "official-mirror");
}

char *
matou_install_plans_dup_method_title (MatouInstallPlans  *plans,
                                      MatouInstallMethod  method)
{
  JsonObject *object = find_by_id (get_array (plans->object, "methods"), matou_install_method_to_string (method));

  return g_strdup (translate (get_string (object, "title")));
}

char *
matou_install_plans_dup_method_when (MatouInstallPlans  *plans,
                                     MatouInstallMethod  method)
{
  JsonObject *object = find_by_id (get_array (plans->object, "methods"), matou_install_method_to_string (method));

  return g_strdup (translate (get_string (object, "when")));
}

static void
add_all (GPtrArray   *names,
         JsonObject  *object,
         const char  *member)
{
  g_auto(GStrv) values = get_strv (object, member);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (names, values[i], g_str_equal, NULL))
      g_ptr_array_add (names, g_strdup (values[i]));
}

/* Every package whose state any plan looks at. */
char **
matou_install_plans_dup_package_names (MatouInstallPlans *plans)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  JsonArray *distros = get_array (plans->object, "distributions");
  JsonObject *families = get_object (plans->object, "families");
  g_autoptr(GList) members = json_object_get_members (families);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonObject *family = get_object (families, l->data);
      const char *plugin = get_string (family, "compose-plugin");

      add_all (names, family, "docker-packages");
      add_all (names, family, "conflicts");
      add_all (names, family, "prerequisites");
      if (plugin != NULL && !g_ptr_array_find_with_equal_func (names, plugin, g_str_equal, NULL))
        g_ptr_array_add (names, g_strdup (plugin));
    }

  for (guint i = 0; i < json_array_get_length (distros); i++)
    {
      JsonObject *distro = json_array_get_object_element (distros, i);
      JsonArray *compose = get_array (distro, "compose");

      add_all (names, distro, "distro-packages");
      for (guint j = 0; j < json_array_get_length (compose); j++)
        {
          const char *package = get_string (json_array_get_object_element (compose, j), "package");

          if (package != NULL && !g_ptr_array_find_with_equal_func (names, package, g_str_equal, NULL))
            g_ptr_array_add (names, g_strdup (package));
        }
    }

  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* --- which distribution --------------------------------------------------------- */

static gboolean
system_is_like (const MatouInstallSystem *system,
                char                    **names)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (strv_contains (system->os_id_like, names[i]))
      return TRUE;

  return FALSE;
}

static JsonObject *
match_distro (MatouInstallPlans        *plans,
              const MatouInstallSystem *system)
{
  JsonArray *distros = get_array (plans->object, "distributions");

  /* In the file's order: Ubuntu before Debian, since Ubuntu is like Debian. */
  for (guint i = 0; i < json_array_get_length (distros); i++)
    {
      JsonObject *distro = json_array_get_object_element (distros, i);
      g_auto(GStrv) ids = get_strv (distro, "match-ids");
      g_auto(GStrv) like = get_strv (distro, "match-like");
      g_auto(GStrv) not_like = get_strv (distro, "not-like");
      gboolean by_codename = matou_json_get_bool (distro, "match-ubuntu-codename");

      if (system_is_like (system, not_like))
        continue;
      if (strv_contains (ids, system->os_id) || system_is_like (system, like) ||
          (by_codename && system->os_ubuntu_codename != NULL))
        return distro;
    }

  return NULL;
}

char *
matou_install_plans_match_distro (MatouInstallPlans         *plans,
                                  const MatouInstallSystem  *system,
                                  GError                   **error)
{
  JsonObject *distro = match_distro (plans, system);
  g_autofree char *name = NULL;

  if (distro != NULL)
    return g_strdup (get_string (distro, "id"));

  name = matou_install_system_describe (system);
  g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
               _("Matou cannot install Docker on %s: it knows how on Debian, Ubuntu and the distributions based on them, and on Fedora. Docker’s documentation explains the ways that work on yours: %s"),
               name, matou_install_plans_get_docs_url (plans));
  return NULL;
}

/* --- validation of values that reach files and commands -------------------------- */

gboolean
matou_install_validate_base_url (const char  *url,
                                 GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;
  gboolean loopback;

  if (url == NULL || !g_regex_match_simple ("^[A-Za-z0-9._~/:-]{1,200}$", url, G_REGEX_DOLLAR_ENDONLY, 0) ||
      (uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)) == NULL)
    goto invalid;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  loopback = g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "localhost") == 0;
  if (host == NULL || *host == '\0' || g_uri_get_userinfo (uri) != NULL ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      !(g_str_equal (scheme, "https") || (g_str_equal (scheme, "http") && loopback)) ||
      g_str_has_suffix (url, "/") || strstr (url, "/.") != NULL)
    goto invalid;

  return TRUE;

invalid:
  g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
               _("“%s” is not a usable address for Docker’s repository: it must be an https:// address with a host and a path, and nothing else."),
               url != NULL ? url : "");
  return FALSE;
}

static gboolean
is_plain_path (const char *path)
{
  return path != NULL && g_path_is_absolute (path) &&
         g_regex_match_simple ("^[A-Za-z0-9._/+-]{1,200}$", path, G_REGEX_DOLLAR_ENDONLY, 0) && strstr (path, "/..") == NULL;
}

/* --- building ------------------------------------------------------------------ */

static void
step_free (MatouInstallStep *step)
{
  if (step == NULL)
    return;

  g_free (step->id);
  g_free (step->title);
  g_free (step->why);
  g_strfreev (step->argv);
  g_free (step->url);
  g_free (step->path);
  g_free (step->content);
  g_free (step->replaces);
  g_free (step->replaces_backup);
  g_strfreev (step->check_packages);
  g_strfreev (step->verifies);
  g_free (step->repository);
  g_free (step);
}

void
matou_install_plan_free (MatouInstallPlan *plan)
{
  if (plan == NULL)
    return;

  g_free (plan->distro);
  g_free (plan->distro_name);
  g_free (plan->codename);
  g_free (plan->architecture);
  g_free (plan->mirror_id);
  g_free (plan->repository);
  g_free (plan->user);
  g_clear_pointer (&plan->steps, g_ptr_array_unref);
  g_free (plan);
}

/* The values a plan's templates may name: strings, or lists for {packages} and the like. */
typedef struct {
  GHashTable *strings;   /* name → char * */
  GHashTable *lists;     /* name → char ** */
} Values;

static void
values_init (Values *values)
{
  values->strings = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  values->lists = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_strfreev);
}

static void
values_clear (Values *values)
{
  g_clear_pointer (&values->strings, g_hash_table_unref);
  g_clear_pointer (&values->lists, g_hash_table_unref);
}

static void
set_string (Values     *values,
            const char *name,
            const char *value)
{
  if (value != NULL)
    g_hash_table_insert (values->strings, (gpointer) name, g_strdup (value));
  else
    g_hash_table_remove (values->strings, name);
}

static void
set_list (Values     *values,
          const char *name,
          char      **list)   /* transfer full */
{
  g_hash_table_insert (values->lists, (gpointer) name, list);
}

/* "{name}" in @text replaced by its value; lists joined with ", ". */
static char *
expand (const Values  *values,
        const char    *text,
        GError       **error)
{
  g_autoptr(GString) out = NULL;
  const char *p = text;

  /* A text the plan does not have (a common step without a title, a
   * replacing step without its why-replaces). */
  if (text == NULL)
    {
      fail (error, "a step is missing one of its texts");
      return NULL;
    }

  out = g_string_new (NULL);
  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close;
      g_autofree char *name = NULL;
      const char *string;
      char **list;

      if (open == NULL)
        {
          g_string_append (out, p);
          break;
        }
      close = strchr (open, '}');
      if (close == NULL)
        {
          fail (error, "an unclosed {} in “%s”", text);
          return NULL;
        }
      g_string_append_len (out, p, open - p);
      name = g_strndup (open + 1, close - open - 1);
      if ((string = g_hash_table_lookup (values->strings, name)) != NULL)
        g_string_append (out, string);
      else if ((list = g_hash_table_lookup (values->lists, name)) != NULL)
        {
          /* The list separator of the user's language (、 in Chinese). */
          g_autofree char *joined = g_strjoinv (g_dgettext (GETTEXT_PACKAGE, ", "), list);

          g_string_append (out, joined);
        }
      else
        {
          fail (error, "“%s” names {%s}, which this plan does not have", text, name);
          return NULL;
        }
      p = close + 1;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A whole "{list}" argument becomes its items; anything else is expanded as text. */
static char **
expand_argv (const Values  *values,
             JsonArray     *array,
             GError       **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *arg = json_array_get_string_element (array, i);
      char **list = NULL;

      if (arg != NULL && arg[0] == '{' && g_str_has_suffix (arg, "}"))
        {
          g_autofree char *name = g_strndup (arg + 1, strlen (arg) - 2);

          list = g_hash_table_lookup (values->lists, name);
        }
      if (list != NULL)
        g_strv_builder_addv (builder, (const char **) list);
      else
        {
          g_autofree char *expanded = arg != NULL ? expand (values, arg, error) : NULL;

          if (expanded == NULL)
            return NULL;
          g_strv_builder_add (builder, expanded);
        }
    }

  return g_strv_builder_end (builder);
}

/* A "done-when" value: a "{list}" or a literal list of package names. */
static char **
expand_packages (const Values *values,
                 JsonNode     *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      g_autofree char *name = text[0] == '{' && g_str_has_suffix (text, "}") ?
                              g_strndup (text + 1, strlen (text) - 2) : NULL;
      char **list = name != NULL ? g_hash_table_lookup (values->lists, name) : NULL;

      return list != NULL ? g_strdupv (list) : NULL;
    }

  return NULL;
}

static char *
release_of (JsonObject               *distro,
            const MatouInstallSystem *system,
            const char               *codename)
{
  const char *release = get_string (get_object (distro, "releases"), codename != NULL ? codename : "");

  if (release != NULL)
    return g_strdup (release);
  if (g_strcmp0 (system->os_id, get_string (distro, "id")) == 0)
    return g_strdup (system->os_version_id);

  return NULL;
}

/* Versions as lists of numbers: "24.04" >= "22.04". An unknown release is taken as the newest. */
static gboolean
release_at_least (const char *release,
                  const char *minimum)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;

  if (minimum == NULL || release == NULL)
    return TRUE;

  a = g_strsplit (release, ".", -1);
  b = g_strsplit (minimum, ".", -1);
  for (guint i = 0; b[i] != NULL; i++)
    {
      guint64 x = a[i] != NULL ? g_ascii_strtoull (a[i], NULL, 10) : 0;
      guint64 y = g_ascii_strtoull (b[i], NULL, 10);

      if (x != y)
        return x > y;
      if (a[i] == NULL)
        return TRUE;
    }

  return TRUE;
}

static char *
find_codename (JsonObject               *distro,
               const MatouInstallSystem *system)
{
  g_auto(GStrv) keys = get_strv (distro, "codename-keys");

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      const char *value = g_str_equal (keys[i], "UBUNTU_CODENAME") ? system->os_ubuntu_codename :
                          g_str_equal (keys[i], "VERSION_CODENAME") ? system->os_version_codename : NULL;

      if (value != NULL && g_regex_match_simple ("^[a-z]{2,32}$", value, G_REGEX_DOLLAR_ENDONLY, 0))
        return g_strdup (value);
    }

  return NULL;
}

static char **
filter_installed (char                    **names,
                  const MatouInstallSystem *system,
                  gboolean                  installed)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (matou_install_system_is_installed (system, names[i]) == installed)
      g_strv_builder_add (builder, names[i]);

  return g_strv_builder_end (builder);
}

static char **
strv_without (char       **names,
              const char  *dropped)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_strcmp0 (names[i], dropped) != 0)
      g_strv_builder_add (builder, names[i]);

  return g_strv_builder_end (builder);
}

static char *
join_lines (char **lines)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      g_string_append (text, lines[i]);
      g_string_append_c (text, '\n');
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
parse_mode (const char *text)
{
  guint64 mode = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 8, 0, 0777, &mode, NULL))
    return 0644;

  return (guint) mode;
}

static MatouInstallStep *
build_step (MatouInstallPlans  *plans,
            MatouInstallPlan   *plan,
            JsonObject         *data,
            Values             *values,
            const char         *backup_dir,
            GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  MatouInstallStep *step = g_new0 (MatouInstallStep, 1);
  g_autofree char *why = NULL;
  JsonObject *done = get_object (data, "done-when");
  JsonObject *download = get_object (data, "download");
  JsonObject *write = get_object (data, "write");
  JsonArray *run = get_array (data, "run");

  step->id = g_strdup (get_string (data, "id"));

  if (run != NULL)
    {
      step->kind = MATOU_INSTALL_STEP_RUN;
      if ((step->argv = expand_argv (values, run, &local_error)) == NULL)
        goto failed;
    }
  else if (download != NULL)
    {
      step->kind = MATOU_INSTALL_STEP_DOWNLOAD;
      step->url = expand (values, get_string (download, "url") ?: "", &local_error);
      step->path = step->url != NULL ? expand (values, get_string (download, "path") ?: "", &local_error) : NULL;
      step->mode = parse_mode (get_string (download, "mode"));
      if (step->path == NULL || !is_plain_path (step->path))
        goto failed;
    }
  else if (write != NULL)
    {
      g_auto(GStrv) lines = get_strv (write, "lines");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) expanded = NULL;
      const char *replaces = get_string (write, "replaces");

      step->kind = MATOU_INSTALL_STEP_WRITE;
      step->path = expand (values, get_string (write, "path") ?: "", &local_error);
      if (step->path == NULL || !is_plain_path (step->path) || lines == NULL)
        goto failed;
      step->mode = parse_mode (get_string (write, "mode"));
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *line = expand (values, lines[i], &local_error);

          if (line == NULL || strchr (line, '\n') != NULL)
            goto failed;
          g_strv_builder_add (builder, line);
        }
      expanded = g_strv_builder_end (builder);
      step->content = join_lines (expanded);
      if (replaces != NULL)
        {
          g_autofree char *old = expand (values, replaces, &local_error);
          g_autofree char *base = old != NULL ? g_path_get_basename (old) : NULL;

          if (old == NULL || !is_plain_path (old))
            goto failed;
          /* Only what is there now is moved: the plan says so. */
          if (g_str_equal (base, "docker.list") &&
              g_hash_table_contains (values->strings, "has-docker-list"))
            {
              step->replaces = g_steal_pointer (&old);
              step->replaces_backup = g_build_filename (backup_dir, base, NULL);
            }
        }
    }
  else if (matou_json_get_bool (data, "service"))
    {
      step->kind = MATOU_INSTALL_STEP_SERVICE;
      if (plan->systemd)
        step->argv = g_strdupv ((char *[]) { "systemctl", "enable", "--now", "docker", NULL });
      else
        step->argv = g_strdupv ((char *[]) { "service", "docker", "start", NULL });
    }
  else if (matou_json_get_bool (data, "group"))
    {
      step->kind = MATOU_INSTALL_STEP_GROUP;
      step->argv = g_strdupv ((char *[]) { "usermod", "-aG", "docker", plan->user, NULL });
    }
  else
    goto failed;

  /* {file} in the texts is the step's own file. */
  set_string (values, "file", step->path);
  set_string (values, "old", step->replaces);
  set_string (values, "backup", step->replaces_backup);

  step->title = expand (values, translate (get_string (data, "title")), &local_error);
  why = step->title != NULL ? expand (values, translate (get_string (data, "why")), &local_error) : NULL;
  if (why == NULL)
    goto failed;
  if (step->replaces != NULL)
    {
      g_autofree char *more = expand (values, translate (get_string (data, "why-replaces")), &local_error);

      if (more == NULL)
        goto failed;
      step->why = g_strconcat (why, " ", more, NULL);
    }
  else
    step->why = g_steal_pointer (&why);

  if (json_object_has_member (done, "installed"))
    {
      step->check = MATOU_INSTALL_CHECK_INSTALLED;
      step->check_packages = expand_packages (values, json_object_get_member (done, "installed"));
    }
  else if (json_object_has_member (done, "absent"))
    {
      step->check = MATOU_INSTALL_CHECK_ABSENT;
      step->check_packages = expand_packages (values, json_object_get_member (done, "absent"));
    }
  else if (json_object_has_member (done, "key"))
    {
      step->check = MATOU_INSTALL_CHECK_KEY;
    }
  else if (json_object_has_member (done, "content"))
    step->check = MATOU_INSTALL_CHECK_CONTENT;
  else if (json_object_has_member (done, "service"))
    step->check = MATOU_INSTALL_CHECK_SERVICE;
  else if (json_object_has_member (done, "member"))
    step->check = MATOU_INSTALL_CHECK_MEMBER;
  if ((step->check == MATOU_INSTALL_CHECK_INSTALLED || step->check == MATOU_INSTALL_CHECK_ABSENT) &&
      step->check_packages == NULL)
    {
      fail (&local_error, "step %s checks packages it does not name", step->id);
      goto failed;
    }

  step->rollback = matou_json_get_bool (data, "rollback");
  step->verifies = get_strv (data, "verifies");
  if (step->verifies != NULL)
    step->repository = g_strdup (plan->repository);

  set_string (values, "file", NULL);
  set_string (values, "old", NULL);
  set_string (values, "backup", NULL);
  return step;

failed:
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    fail (error, "step %s is not valid", step->id);
  step_free (step);
  return NULL;
}

static JsonObject *
find_plan_data (MatouInstallPlans  *plans,
                const char         *family,
                MatouInstallMethod  method)
{
  JsonArray *list = get_array (plans->object, "plans");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *plan = json_array_get_object_element (list, i);
      g_auto(GStrv) methods = get_strv (plan, "methods");

      if (g_strcmp0 (get_string (plan, "family"), family) == 0 &&
          strv_contains (methods, matou_install_method_to_string (method)))
        return plan;
    }

  return NULL;
}

/* The packages of the distribution method: docker.io and the right Compose. */
static char **
distro_packages (JsonObject                *distro,
                 JsonObject                *family,
                 const MatouInstallSystem  *system,
                 const char                *codename,
                 gboolean                   compose)
{
  g_auto(GStrv) base = get_strv (distro, "distro-packages");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *release = release_of (distro, system, codename);
  JsonArray *rules = get_array (distro, "compose");
  const char *plugin = get_string (family, "compose-plugin");

  g_strv_builder_addv (builder, (const char **) base);

  /* Docker's Compose plugin and docker-compose-v2 own the same file: never both. */
  if (compose && !(plugin != NULL && matou_install_system_is_installed (system, plugin)))
    for (guint i = 0; i < json_array_get_length (rules); i++)
      {
        JsonObject *rule = json_array_get_object_element (rules, i);

        if (release_at_least (release, get_string (rule, "from-release")))
          {
            g_strv_builder_add (builder, get_string (rule, "package"));
            break;
          }
      }

  return g_strv_builder_end (builder);
}

gboolean
matou_install_all_valid_packages (char **names)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (!matou_package_name_is_valid (names[i]))
      return FALSE;

  return TRUE;
}

/**
 * matou_install_plan_build:
 * @mirror_id: (nullable): the repository methods: the mirror list's id
 * @mirror_url: (nullable): … and its base URL (for example https://mirrors.aliyun.com/docker-ce)
 * @paths: where the key and the repository files go
 * @backup_dir: where an older docker.list is moved
 *
 * Builds the plan for @method on @system, or fails with a message for the
 * user (an unsupported distribution names Docker's documentation). A pure
 * function of its arguments: the page and the helper build the same plan.
 */
MatouInstallPlan *
matou_install_plan_build (MatouInstallPlans          *plans,
                          const MatouInstallSystem   *system,
                          MatouInstallMethod          method,
                          const char                 *mirror_id,
                          const char                 *mirror_url,
                          const MatouInstallOptions  *options,
                          const MatouInstallPaths    *paths,
                          const char                 *backup_dir,
                          GError                    **error)
{
  g_autoptr(MatouInstallPlan) plan = g_new0 (MatouInstallPlan, 1);
  JsonObject *distro = match_distro (plans, system);
  JsonObject *family;
  JsonObject *plan_data;
  JsonObject *common = get_object (plans->object, "common-steps");
  JsonArray *steps;
  g_auto(GStrv) architectures = NULL;
  g_auto(GStrv) docker_packages = NULL;
  g_auto(GStrv) conflicts = NULL;
  g_auto(GStrv) prerequisites = NULL;
  Values values;
  gboolean repository_method = method != MATOU_INSTALL_METHOD_DISTRO;

  g_return_val_if_fail ((guint) method < MATOU_INSTALL_N_METHODS, NULL);

  if (distro == NULL)
    {
      g_free (matou_install_plans_match_distro (plans, system, error));
      return NULL;
    }

  family = get_object (get_object (plans->object, "families"), get_string (distro, "family"));
  plan->method = method;
  plan->family = g_str_equal (get_string (distro, "family"), "dnf") ? MATOU_PACKAGE_FAMILY_DNF : MATOU_PACKAGE_FAMILY_APT;
  plan->distro = g_strdup (get_string (distro, "id"));
  plan->distro_name = g_strdup (get_string (distro, "name"));
  plan->codename = find_codename (distro, system);
  plan->architecture = g_strdup (system->architecture);
  plan->user = matou_user_name_is_valid (system->user) ? g_strdup (system->user) : NULL;
  plan->systemd = system->systemd;
  plan->compose = options == NULL || options->compose;
  plan->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);

  docker_packages = get_strv (family, "docker-packages");
  if (!plan->compose)
    {
      char **without = strv_without (docker_packages, get_string (family, "compose-plugin"));

      g_strfreev (docker_packages);
      docker_packages = without;
    }
  {
    g_auto(GStrv) all = get_strv (family, "conflicts");

    conflicts = filter_installed (all, system, TRUE);
  }
  prerequisites = get_strv (family, "prerequisites");

  if (method == MATOU_INSTALL_METHOD_DISTRO &&
      (system->flavours & MATOU_DOCKER_FLAVOUR_DOCKER_CE ||
       matou_install_system_is_installed (system, "docker-ce")))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                   _("Docker’s own packages (docker-ce) are installed. The distribution’s packages would conflict with them: keep them, or choose Docker’s repository or a mirror to update them."));
      return NULL;
    }

  if (repository_method)
    {
      g_autoptr(GError) url_error = NULL;

      architectures = get_strv (distro, "architectures");
      if (plan->family == MATOU_PACKAGE_FAMILY_APT &&
          (plan->codename == NULL || get_string (get_object (distro, "releases"), plan->codename) == NULL))
        {
          g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                       _("Docker’s repository has no packages for %s “%s” that Matou knows of. Choose the distribution packages, or follow Docker’s documentation: %s"),
                       plan->distro_name, plan->codename != NULL ? plan->codename : "?",
                       matou_install_plans_get_docs_url (plans));
          return NULL;
        }
      if (plan->architecture == NULL || !strv_contains (architectures, plan->architecture))
        {
          g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                       _("Docker’s repository has no packages for this processor (%s). Choose the distribution packages."),
                       plan->architecture != NULL ? plan->architecture : "?");
          return NULL;
        }
      if (mirror_id == NULL || !matou_install_validate_base_url (mirror_url, &url_error))
        {
          g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE, "%s",
                       url_error != NULL ? url_error->message : _("Choose a mirror first."));
          return NULL;
        }
      plan->mirror_id = g_strdup (mirror_id);
      plan->repository = g_strconcat (mirror_url, "/linux/", get_string (distro, "repository-path"), NULL);
    }

  plan_data = find_plan_data (plans, get_string (distro, "family"), method);
  steps = get_array (plan_data, "steps");
  if (steps == NULL || !is_plain_path (paths->keyrings_dir) || !is_plain_path (paths->sources_dir) ||
      !is_plain_path (paths->repos_dir) || !is_plain_path (paths->rpm_keys_dir) || !is_plain_path (backup_dir))
    {
      fail (error, "no plan for %s with %s", plan->distro, matou_install_method_to_string (method));
      return NULL;
    }

  values_init (&values);
  set_string (&values, "repository", plan->repository);
  set_string (&values, "codename", plan->codename);
  set_string (&values, "arch", plan->architecture);
  set_string (&values, "keyrings", paths->keyrings_dir);
  set_string (&values, "sources", paths->sources_dir);
  set_string (&values, "repos", paths->repos_dir);
  set_string (&values, "rpm-keys", paths->rpm_keys_dir);
  set_string (&values, "user", plan->user);
  if (system->has_docker_list)
    set_string (&values, "has-docker-list", "yes");
  set_list (&values, "packages", distro_packages (distro, family, system, plan->codename, plan->compose));
  set_list (&values, "docker-packages", g_strdupv (docker_packages));
  set_list (&values, "conflicts", g_strdupv (conflicts));
  set_list (&values, "all-conflicts", get_strv (family, "conflicts"));
  set_list (&values, "prerequisites", g_strdupv (prerequisites));
  {
    g_autofree char *lock = g_strdup_printf ("DPkg::Lock::Timeout=%d", MATOU_INSTALL_LOCK_TIMEOUT_SECONDS);

    set_list (&values, "apt-options", g_strdupv ((char *[]) { "-o", lock, NULL }));
  }
  /* A changed configuration file keeps the user's version, without asking. */
  set_list (&values, "dpkg-options", g_strdupv ((char *[]) { "-o", "Dpkg::Options::=--force-confdef",
                                                             "-o", "Dpkg::Options::=--force-confold", NULL }));

  if (!matou_install_all_valid_packages (g_hash_table_lookup (values.lists, "packages")) ||
      !matou_install_all_valid_packages (docker_packages) || !matou_install_all_valid_packages (conflicts) ||
      !matou_install_all_valid_packages (prerequisites))
    {
      values_clear (&values);
      fail (error, "a package name is not valid");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonObject *data = json_array_get_object_element (steps, i);
      const char *use = get_string (data, "use");
      const char *only_if = get_string (data, "only-if");
      g_autoptr(JsonObject) merged = NULL;
      MatouInstallStep *step;

      if (use != NULL)
        {
          JsonObject *shared = get_object (common, use);
          g_autoptr(GList) members = json_object_get_members (shared);

          merged = json_object_new ();
          json_object_set_string_member (merged, "id", get_string (data, "id"));
          for (GList *l = members; l != NULL; l = l->next)
            json_object_set_member (merged, l->data, json_node_copy (json_object_get_member (shared, l->data)));
          data = merged;
        }

      /* Root needs no group; nothing conflicting installed, nothing to remove. */
      if (matou_json_get_bool (data, "group") && plan->user == NULL)
        continue;
      if (g_strcmp0 (only_if, "conflicts") == 0 && (conflicts == NULL || conflicts[0] == NULL))
        continue;

      step = build_step (plans, plan, data, &values, backup_dir, error);
      if (step == NULL)
        {
          values_clear (&values);
          return NULL;
        }
      g_ptr_array_add (plan->steps, step);
    }

  values_clear (&values);
  return g_steal_pointer (&plan);
}

const MatouInstallStep *
matou_install_plan_find_step (const MatouInstallPlan *plan,
                              const char             *id)
{
  for (guint i = 0; i < plan->steps->len; i++)
    {
      const MatouInstallStep *step = g_ptr_array_index (plan->steps, i);

      if (g_strcmp0 (step->id, id) == 0)
        return step;
    }

  return NULL;
}

char **
matou_install_plan_dup_step_ids (const MatouInstallPlan *plan)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < plan->steps->len; i++)
    g_strv_builder_add (builder, ((MatouInstallStep *) g_ptr_array_index (plan->steps, i))->id);

  return g_strv_builder_end (builder);
}
