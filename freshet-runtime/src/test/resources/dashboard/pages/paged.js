Freshet.page("paged", "Paged", () => ({}));
