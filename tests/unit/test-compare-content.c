/* The Compare page's content: the real data file parses, every option has every field, and Chinese readers get all of it. */
#include <string.h>

#include <gio/gio.h>

#include "matou-advisor.h"
#include "matou-compare-content.h"
#include "matou-error.h"

/* The pages win.show-page knows (src/matou-window.c, ui/matou-window.ui). */
static const char * const window_pages[] = { "overview", "compare", "install", "settings", "logs", NULL };

static char *
source_path (const char *relative)
{
  const char *fixtures = g_getenv ("MATOU_TEST_FIXTURES");

  g_assert_nonnull (fixtures);

  return g_build_filename (fixtures, "..", "..", relative, NULL);
}

static MatouCompareContent *
load_real (void)
{
  g_autofree char *path = source_path ("data/compare/compare.xml");
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  MatouCompareContent *content;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  content = matou_compare_content_new_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (content);

  return content;
}

static gboolean
strings_contain (GPtrArray  *strings,
                 const char *text)
{
  for (guint i = 0; i < strings->len; i++)
    if (strstr (g_ptr_array_index (strings, i), text) != NULL)
      return TRUE;

  return FALSE;
}

static gboolean
steps_contain_command (const MatouCompareOption *option,
                       const char               *command)
{
  for (guint i = 0; i < option->start->len; i++)
    {
      const MatouCompareStep *step = g_ptr_array_index (option->start, i);

      if (step->command != NULL && strstr (step->command, command) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
article_contains (const MatouCompareArticle *article,
                  MatouCompareBlockKind      kind,
                  const char                *text)
{
  for (guint i = 0; i < article->sections->len; i++)
    {
      const MatouCompareSection *section = g_ptr_array_index (article->sections, i);

      for (guint j = 0; j < section->blocks->len; j++)
        {
          const MatouCompareBlock *block = g_ptr_array_index (section->blocks, j);

          if (block->kind == kind && strstr (block->text, text) != NULL)
            return TRUE;
        }
    }

  return FALSE;
}

static void
test_every_option_every_field (void)
{
  g_autoptr(MatouCompareContent) content = load_real ();
  const char * const *advisor_options = matou_advisor_get_options ();
  guint n_rules;
  const MatouAdvisorRule *rules = matou_advisor_get_rules (&n_rules);
  guint n_main = 0;

  /* The guide ranks exactly the options the page describes, in the same order. */
  g_assert_cmpuint (content->options->len, ==, g_strv_length ((char **) advisor_options));
  g_assert_cmpuint (content->criteria->len, ==, 12);

  for (guint i = 0; i < content->options->len; i++)
    {
      const MatouCompareOption *option = g_ptr_array_index (content->options, i);
      gboolean has_command = FALSE;

      g_assert_cmpstr (option->id, ==, advisor_options[i]);
      g_assert_nonnull (option->name);
      g_assert_nonnull (option->short_name);
      /* What it is, in two sentences. */
      g_assert_nonnull (strstr (option->summary, ". "));
      g_assert_cmpuint (option->advantages->len, >=, 3);
      g_assert_cmpuint (option->disadvantages->len, >=, 3);
      g_assert_cmpuint (option->choose->len, >=, 1);
      g_assert_cmpuint (option->start->len, >=, 3);
      for (guint j = 0; j < option->start->len; j++)
        has_command |= ((MatouCompareStep *) g_ptr_array_index (option->start, j))->command != NULL;
      g_assert_true (has_command);
      g_assert_cmpuint (option->cells->len, ==, content->criteria->len);
      for (guint j = 0; j < content->criteria->len; j++)
        {
          const MatouCompareCriterion *criterion = g_ptr_array_index (content->criteria, j);
          const MatouCompareCell *cell = matou_compare_option_find_cell (option, criterion->id);

          g_assert_nonnull (cell);
          g_assert_nonnull (cell->rating);
          g_assert_nonnull (cell->phrase);
        }
      if (option->page != NULL)
        g_assert_true (g_strv_contains (window_pages, option->page));
      n_main += option->main;
    }

  /* The four options people usually name come first. */
  g_assert_cmpuint (n_main, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_true (((MatouCompareOption *) g_ptr_array_index (content->options, i))->main);

  /* Every reason the guide gives is about a criterion of the table. */
  for (guint i = 0; i < n_rules; i++)
    if (matou_compare_content_find_criterion (content, rules[i].criterion) == NULL)
      g_error ("rule %u (%s → %s) names criterion “%s”, which the content lacks",
               i, rules[i].answer, rules[i].option, rules[i].criterion);
}

/* The points the issue asks the four main options to make, and the real commands. */
static void
test_main_options_say_enough (void)
{
  g_autoptr(MatouCompareContent) content = load_real ();
  const MatouCompareOption *venv = matou_compare_content_find_option (content, "venv");
  const MatouCompareOption *vm = matou_compare_content_find_option (content, "vm");
  const MatouCompareOption *pyinstaller = matou_compare_content_find_option (content, "pyinstaller");
  const MatouCompareOption *docker = matou_compare_content_find_option (content, "docker");

  g_assert_true (steps_contain_command (venv, "python3 -m venv .venv"));
  g_assert_true (steps_contain_command (venv, "pip freeze > requirements.txt"));
  g_assert_true (strings_contain (venv->disadvantages, "needs Python"));
  g_assert_true (strings_contain (venv->disadvantages, "CUDA"));
  g_assert_true (strings_contain (venv->disadvantages, "not for handing an app to end users"));

  g_assert_true (strings_contain (vm->advantages, "isolation"));
  g_assert_true (strings_contain (vm->disadvantages, "memory"));
  g_assert_true (steps_contain_command (vm, "org.gnome.Boxes"));
  g_assert_true (steps_contain_command (vm, "virt-manager"));
  g_assert_true (steps_contain_command (vm, "virtualbox"));

  g_assert_true (steps_contain_command (pyinstaller, "pyinstaller --onefile --windowed app.py"));
  g_assert_true (strings_contain (pyinstaller->disadvantages, "once per system"));
  g_assert_true (strings_contain (pyinstaller->disadvantages, "Dynamic libraries"));

  g_assert_cmpstr (docker->page, ==, "install");
  g_assert_true (steps_contain_command (docker, "FROM python:"));
  g_assert_true (steps_contain_command (docker, "docker build -t myapp ."));
  g_assert_true (strings_contain (docker->disadvantages, "X11 or Wayland"));
  g_assert_true (strings_contain (docker->disadvantages, "NVIDIA Container Toolkit"));
  g_assert_true (strings_contain (docker->advantages, "Lighter than a VM"));
}

static void
test_articles (void)
{
  g_autoptr(MatouCompareContent) content = load_real ();
  const MatouCompareArticle *scenario = matou_compare_content_find_article (content, "deep-learning");
  const MatouCompareArticle *linux_notes = matou_compare_content_find_article (content, "linux");
  const MatouCompareArticle *macos = matou_compare_content_find_article (content, "macos");
  const MatouCompareArticle *windows = matou_compare_content_find_article (content, "windows");

  g_assert_nonnull (scenario);
  g_assert_cmpstr (scenario->kind, ==, "scenario");
  g_assert_true (article_contains (scenario, MATOU_COMPARE_BLOCK_PARAGRAPH, "NVIDIA Container Toolkit"));
  g_assert_true (article_contains (scenario, MATOU_COMPARE_BLOCK_COMMAND, "FROM pytorch/pytorch:"));
  g_assert_true (article_contains (scenario, MATOU_COMPARE_BLOCK_COMMAND, "--gpus all"));
  g_assert_true (article_contains (scenario, MATOU_COMPARE_BLOCK_ITEM, "several gigabytes"));
  g_assert_true (article_contains (scenario, MATOU_COMPARE_BLOCK_ITEM, "requirements.txt"));
  g_assert_true (article_contains (scenario, MATOU_COMPARE_BLOCK_ITEM, "environment.yml"));
  g_assert_true (article_contains (scenario, MATOU_COMPARE_BLOCK_ITEM, "Dockerfile"));

  g_assert_cmpstr (linux_notes->page, ==, "install");
  g_assert_true (article_contains (macos, MATOU_COMPARE_BLOCK_COMMAND, "brew install docker"));
  g_assert_true (article_contains (macos, MATOU_COMPARE_BLOCK_COMMAND, "brew install --cask docker"));
  g_assert_true (article_contains (macos, MATOU_COMPARE_BLOCK_PARAGRAPH, "Cannot connect to the Docker daemon"));
  g_assert_true (article_contains (windows, MATOU_COMPARE_BLOCK_COMMAND, "wsl --install"));

  for (guint i = 0; i < content->articles->len; i++)
    {
      const MatouCompareArticle *article = g_ptr_array_index (content->articles, i);

      if (article->page != NULL)
        g_assert_true (g_strv_contains (window_pages, article->page));
      for (guint j = 0; j < article->sections->len; j++)
        {
          const MatouCompareSection *section = g_ptr_array_index (article->sections, j);

          for (guint k = 0; k < section->blocks->len; k++)
            {
              const MatouCompareBlock *block = g_ptr_array_index (section->blocks, k);

              if (block->kind == MATOU_COMPARE_BLOCK_LINK)
                g_assert_true (g_strv_contains (window_pages, block->page));
            }
        }
    }
}

/* msgid → msgstr of the translated, not fuzzy, entries of a .po file. */
static GHashTable *
read_po (const char *path)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *catalogue = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) msgid = g_string_new (NULL);
  g_autoptr(GString) msgstr = g_string_new (NULL);
  GString *current = NULL;
  gboolean fuzzy = FALSE, has_context = FALSE;

  g_assert_true (g_file_get_contents (path, &data, NULL, &error));
  lines = g_strsplit (data, "\n", -1);

  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];

      if (line == NULL || *line == '\0')
        {
          /* The end of an entry. */
          if (msgid->len > 0 && msgstr->len > 0 && !fuzzy && !has_context)
            g_hash_table_insert (catalogue, g_strcompress (msgid->str), g_strcompress (msgstr->str));
          g_string_truncate (msgid, 0);
          g_string_truncate (msgstr, 0);
          current = NULL;
          fuzzy = has_context = FALSE;
          if (line == NULL)
            break;
          continue;
        }

      if (g_str_has_prefix (line, "#,") && strstr (line, "fuzzy") != NULL)
        fuzzy = TRUE;
      else if (g_str_has_prefix (line, "#"))
        current = NULL;
      else if (g_str_has_prefix (line, "msgctxt "))
        {
          has_context = TRUE;
          current = NULL;
        }
      else if (g_str_has_prefix (line, "msgid "))
        current = msgid;
      else if (g_str_has_prefix (line, "msgid_plural ") || g_str_has_prefix (line, "msgstr["))
        current = NULL;
      else if (g_str_has_prefix (line, "msgstr "))
        current = msgstr;

      if (current != NULL)
        {
          const char *open = strchr (line, '"');
          const char *close = strrchr (line, '"');

          g_assert_true (open != NULL && close > open);
          g_string_append_len (current, open + 1, close - open - 1);
        }
    }

  return catalogue;
}

static void
check_translated (GHashTable *catalogue,
                  const char *msgid,
                  guint      *missing)
{
  if (g_hash_table_contains (catalogue, msgid))
    return;

  g_test_message ("not translated to zh_CN: “%s”", msgid);
  (*missing)++;
}

/* Every text of the content, as the loader asks gettext for it, and every
 * text of the guide has a Chinese translation. */
static void
test_translated (void)
{
  g_autoptr(MatouCompareContent) content = load_real ();
  g_autofree char *po = source_path ("po/zh_CN.po");
  g_autoptr(GHashTable) catalogue = read_po (po);
  guint n_questions, n_rules, missing = 0;
  const MatouAdvisorQuestion *questions = matou_advisor_get_questions (&n_questions);
  const MatouAdvisorRule *rules = matou_advisor_get_rules (&n_rules);

  g_assert_cmpuint (content->msgids->len, >, 300);
  for (guint i = 0; i < content->msgids->len; i++)
    check_translated (catalogue, g_ptr_array_index (content->msgids, i), &missing);

  for (guint i = 0; i < n_questions; i++)
    {
      check_translated (catalogue, questions[i].text, &missing);
      if (questions[i].hint != NULL)
        check_translated (catalogue, questions[i].hint, &missing);
      for (const MatouAdvisorAnswer *a = questions[i].answers; a->id != NULL; a++)
        check_translated (catalogue, a->label, &missing);
    }
  for (guint i = 0; i < n_rules; i++)
    check_translated (catalogue, rules[i].reason, &missing);

  g_assert_cmpuint (missing, ==, 0);
}

static void
check_refused (const char *xml,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouCompareContent) content = matou_compare_content_new_from_data (xml, -1, &error);

  g_assert_null (content);
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_PARSE);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
}

#define CRITERIA \
  "<criteria><criterion id='a'><name>A</name><description>About A.</description></criterion></criteria>"
#define OPTION_START \
  "<option id='x'><name>X</name><short>X</short><summary>One. Two.</summary>" \
  "<advantages><item>Good.</item></advantages><disadvantages><item>Bad.</item></disadvantages>" \
  "<choose><item>Then.</item></choose><start><step><text>Run:</text><command>x --go</command></step></start>"

static void
test_refuses_broken_content (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouCompareContent) minimal = NULL;
  const MatouCompareOption *option;

  minimal = matou_compare_content_new_from_data ("<matou-content>" CRITERIA "<options>" OPTION_START
                                                 "<matrix><cell criterion='a' level='good'><rating>Yes</rating>"
                                                 "<phrase>Fine\n   indeed</phrase></cell></matrix></option>"
                                                 "</options></matou-content>", -1, &error);
  g_assert_no_error (error);
  option = matou_compare_content_find_option (minimal, "x");
  g_assert_nonnull (option);
  /* White space as xgettext extracts it, commands as written. */
  g_assert_cmpstr (((MatouCompareCell *) g_ptr_array_index (option->cells, 0))->phrase, ==, "Fine indeed");
  g_assert_cmpstr (((MatouCompareStep *) g_ptr_array_index (option->start, 0))->command, ==, "x --go");

  check_refused ("<matou-content>" CRITERIA "<options>" OPTION_START "<matrix></matrix></option></options></matou-content>",
                 "rates 0 criteria of 1");
  check_refused ("<matou-content>" CRITERIA "<options>" OPTION_START
                 "<matrix><cell criterion='b' level='good'><rating>Y</rating><phrase>P</phrase></cell></matrix>"
                 "</option></options></matou-content>", "no criterion “b”");
  check_refused ("<matou-content>" CRITERIA "<options>" OPTION_START
                 "<matrix><cell criterion='a' level='great'><rating>Y</rating><phrase>P</phrase></cell></matrix>"
                 "</option></options></matou-content>", "level “great”");
  check_refused ("<matou-content>" CRITERIA "<options><option id='x'><name>X</name></option></options></matou-content>",
                 "needs a name, a short name and a summary");
  check_refused ("<matou-content>" CRITERIA "<options>" OPTION_START
                 "<matrix><cell criterion='a' level='good'><rating>A &amp; B</rating><phrase>P</phrase></cell></matrix>"
                 "</option></options></matou-content>", "cannot be translated");
  check_refused ("<matou-content><criteria><bogus/></criteria></matou-content>", "<bogus> is not allowed in <criteria>");
  check_refused ("<matou-content><criteria>words</criteria></matou-content>", "text outside");
  check_refused ("<matou-content><criteria><criterion id='a'><name>A</name><name>B</name></criterion></criteria></matou-content>",
                 "<name> appears twice");
  check_refused ("<matou-content><criteria><criterion><name>A</name></criterion></criteria></matou-content>",
                 "needs the attribute “id”");
  check_refused ("<html/>", "not a Matou content file");
  check_refused ("<matou-content><criteria>", "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/compare-content/every-option-every-field", test_every_option_every_field);
  g_test_add_func ("/compare-content/main-options", test_main_options_say_enough);
  g_test_add_func ("/compare-content/articles", test_articles);
  g_test_add_func ("/compare-content/translated", test_translated);
  g_test_add_func ("/compare-content/refuses-broken", test_refuses_broken_content);

  return g_test_run ();
}
