"""Message tables per part of the product, merged by survey.i18n."""
