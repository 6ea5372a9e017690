/** Segments, campaigns, member content and analytics (console and portal). */
export const growth = {
  postsTitle: 'News and reports',
};
