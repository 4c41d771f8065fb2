import Link from "next/link";
import type { UserView } from "@/lib/db/presenters";
import type { ListFilter, ListView } from "@/lib/stories/list-filters";
import { sections } from "@/lib/stories/sections";
import { statusLabels, storyStatuses } from "@/lib/workflow/states";

/**
 * The story list's views (all, mine, due today, overdue) and its search: headline words and the
 * section, author and state filters, sent in the page's address.
 */
export function StoryFilters({
  query,
  filter,
  filtered,
  staff,
}: {
  query: string;
  filter: ListFilter;
  /** Whether any filter or view narrows the list. */
  filtered: boolean;
  staff: UserView[];
}) {
  /** This page's address with `view` changed, the rest kept. */
  const withView = (view: ListView) => {
    const next = new URLSearchParams();
    if (query) next.set("q", query);
    if (view !== "all") next.set("view", view);
    for (const key of ["section", "author", "status"] as const)
      if (filter[key]) next.set(key, filter[key]);
    const search = next.toString();
    return search ? `/newsroom?${search}` : "/newsroom";
  };
  return (
    <>
      <nav aria-label="Story views" className="story-views">
        {(
          [
            ["all", "All"],
            ["mine", "Mine"],
            ["due-today", "Due today"],
            ["overdue", "Overdue"],
          ] as const
        ).map(([view, label]) => (
          <Link
            key={view}
            href={withView(view)}
            aria-current={filter.view === view ? "page" : undefined}
          >
            {label}
          </Link>
        ))}
      </nav>
      {/* Keyed by the address's search: a client-side move to another one (Clear, a view) makes
          a fresh form, since React leaves an uncontrolled field showing what was last chosen. */}
      <form
        key={JSON.stringify([query, filter])}
        className="story-search"
        role="search"
        action="/newsroom"
      >
        {filter.view !== "all" && (
          <input type="hidden" name="view" value={filter.view} />
        )}
        <label htmlFor="story-search" className="visually-hidden">
          Search headlines
        </label>
        <input
          id="story-search"
          className="input"
          type="search"
          name="q"
          defaultValue={query}
          placeholder="Search headlines"
        />
        <FilterSelect
          label="Section"
          name="section"
          value={filter.section}
          options={sections().map((name) => [name, name])}
        />
        <FilterSelect
          label="Author"
          name="author"
          value={filter.author}
          options={staff
            .filter((p) => p.role === "reporter")
            .map((p) => [p.id, p.name])}
        />
        <FilterSelect
          label="State"
          name="status"
          value={filter.status}
          options={storyStatuses.map((status) => [
            status,
            statusLabels[status],
          ])}
        />
        <button type="submit" className="button">
          Search
        </button>
        {(query || filtered) && (
          <Link href="/newsroom" className="button button-ghost">
            Clear
          </Link>
        )}
      </form>
    </>
  );
}

/** One filter of the search form: "Any …" or one of `options` (value and label each). */
function FilterSelect({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value: string | undefined;
  options: Array<readonly [value: string, label: string]>;
}) {
  return (
    <label className="story-filter">
      <span className="visually-hidden">{label}</span>
      <select name={name} className="input" defaultValue={value ?? ""}>
        <option value="">Any {label.toLowerCase()}</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </label>
  );
}
